import { t } from '../i18n';
import { ApiError } from './client';

// A refused request as one line for the person: the fields the server
// named, or its detail; "cannot reach the server" when there was no answer.
export function problemText(error: unknown, options: { withFields?: boolean } = {}): string {
  if (!(error instanceof ApiError)) return t('error.offline');
  const named = error.fields.map((f) => (options.withFields === false ? f.message : `${f.field}: ${f.message}`));
  return named.join(' ') || error.detail || error.title;
}
