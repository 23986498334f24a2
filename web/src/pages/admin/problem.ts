import { ApiError } from '../../api/client';
import { t } from '../../i18n';

// A refused request as one line: the fields the server named, or its detail.
export function problemText(error: unknown): string {
  if (!(error instanceof ApiError)) return t('error.offline');
  return error.fields.map((f) => `${f.field}: ${f.message}`).join(' ') || error.detail || error.title;
}
