// The user's language and the formatting of numbers and dates in their
// locale. The language is the one picked in the app, else the browser's.
import { signal } from '@preact/signals';

import { de } from './de';
import { en, type MessageKey, type Messages } from './en';

export const catalogues: Record<string, Messages> = { en, de };
export type Language = 'en' | 'de';
export const languages: Language[] = ['en', 'de'];

const stored = (): string | null => {
  try {
    return localStorage.getItem('cairn.language');
  } catch {
    return null;
  }
};

export function pickLanguage(preferred: string | null, browser: readonly string[]): Language {
  for (const candidate of [preferred, ...browser]) {
    const base = candidate?.toLowerCase().split('-')[0];
    if (base === 'en' || base === 'de') return base;
  }
  return 'en';
}

export const language = signal<Language>(
  pickLanguage(stored(), typeof navigator === 'undefined' ? [] : navigator.languages),
);

export function setLanguage(next: Language): void {
  language.value = next;
  try {
    localStorage.setItem('cairn.language', next);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  document.documentElement.lang = next;
}

// The message `key` in the current language, with {name} replaced by params.
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = (catalogues[language.value] ?? en)[key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

// Formatters are costly to make (tens of microseconds each) and pages such as
// the alignment map format thousands of numbers: one per language and style.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function numberFormat(style: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${language.value} number ${style}`;
  let f = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!f) formatters.set(key, (f = new Intl.NumberFormat(language.value, options)));
  return f;
}
function dateFormat(style: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language.value} date ${style}`;
  let f = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(language.value, options)));
  return f;
}

// 0.637 → "64%" (de: "64 %").
export function percent(fraction: number): string {
  return numberFormat('percent', { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
}

export function number(value: number): string {
  return numberFormat('plain', { maximumFractionDigits: 2 }).format(value);
}

// A value with its key result's unit: "$295,658", "81.3%", "12 signups".
export function withUnit(value: number, unit: string): string {
  const text = number(value);
  if (unit === '$' || unit === '£') return `${unit}${text}`;
  if (unit === '%') return `${text}%`;
  return unit ? `${text} ${unit}` : text;
}

// An instant ("2026-11-22T09:00:00Z") or a calendar day ("2026-12-18", as
// periods and their rollout dates are) in the user's format. A calendar day
// is that day wherever the reader is, not midnight UTC in their time zone.
export function date(when: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(when);
  const format = day
    ? dateFormat('day', { dateStyle: 'medium', timeZone: 'UTC' })
    : dateFormat('medium', { dateStyle: 'medium' });
  return format.format(new Date(when));
}

// An instant with its time of day, in the reader's time zone.
export function dateTime(instant: string): string {
  return dateFormat('time', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(instant));
}

// The catalogue's form of `key` for `count`: `${key}.one` or `${key}.other`
// (the plural categories of English and German).
export function plural(key: string, count: number): MessageKey {
  const form = new Intl.PluralRules(language.value).select(count) === 'one' ? 'one' : 'other';
  return `${key}.${form}` as MessageKey;
}

// A message whose key is built at run time (e.g. from a field name the
// server sent); `fallback` when the catalogue has no such message.
export function tOr(key: string, fallback: string): string {
  return key in en ? t(key as MessageKey) : fallback;
}
