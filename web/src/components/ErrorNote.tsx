import { ApiError } from '../api/client';
import { t } from '../i18n';

// A failed load, said plainly.
export function ErrorNote(props: { error: unknown }) {
  if (!props.error) return null;
  let text = t('error.offline');
  if (props.error instanceof ApiError) {
    if (props.error.status === 404) text = t('error.not_found');
    else if (props.error.status === 403) text = t('error.forbidden');
    else text = t('error.generic', { detail: props.error.detail || props.error.title });
  }
  return (
    <p class="form-error" role="alert">
      {text}
    </p>
  );
}
