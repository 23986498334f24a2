// The check-in form's fields and the request body they make. Only the shape
// is checked here (a number, a confidence from 1 to 10), so the person hears
// about a typo at once; every rule beyond that is the server's.
import type { KeyResult } from './api/types';
import type { MessageKey } from './i18n/en';

export interface CheckInForm {
  value: string;
  done: boolean;
  milestonesDone: number[];
  confidence: string;
  note: string;
}

export type CheckInBody =
  | { value: number; confidence?: number; note: string }
  | { done: boolean; confidence?: number; note: string }
  | { milestones_done: number[]; confidence?: number; note: string };

export type FormErrors = Partial<Record<'value' | 'confidence', MessageKey>>;

// Accepts "1,234.5" and "1234,5" (a comma as the decimal mark when it is the
// only separator), as people type numbers in their own locale.
export function parseNumber(text: string): number | null {
  let s = text.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (!s) return null;
  if (s.includes(',') && !s.includes('.')) {
    s = /^-?\d{1,3}(,\d{3})+$/.test(s) ? s.replace(/,/g, '') : s.replace(',', '.');
  } else {
    s = s.replace(/,/g, '');
  }
  if (!/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

export function checkInBody(
  kind: KeyResult['kind'],
  form: CheckInForm,
): { body: CheckInBody } | { errors: FormErrors } {
  const errors: FormErrors = {};
  let confidence: number | undefined;
  if (form.confidence.trim() !== '') {
    const c = Number(form.confidence);
    if (!Number.isInteger(c) || c < 1 || c > 10) errors.confidence = 'check_in.need_confidence';
    else confidence = c;
  }
  const note = form.note.trim();
  const extra = confidence === undefined ? { note } : { confidence, note };
  if (kind === 'boolean') return Object.keys(errors).length ? { errors } : { body: { done: form.done, ...extra } };
  if (kind === 'milestones') {
    return Object.keys(errors).length
      ? { errors }
      : { body: { milestones_done: [...form.milestonesDone].sort((a, b) => a - b), ...extra } };
  }
  const value = parseNumber(form.value);
  if (value === null) errors.value = 'check_in.need_value';
  if (Object.keys(errors).length || value === null) return { errors };
  return { body: { value, ...extra } };
}
