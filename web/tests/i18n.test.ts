import { describe, expect, test } from 'vitest';

import { catalogues, language, percent, pickLanguage, t, withUnit } from '../src/i18n';
import { en } from '../src/i18n/en';

describe('catalogues', () => {
  test('every language has every message, with the same placeholders', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [name, messages] of Object.entries(catalogues)) {
      expect(Object.keys(messages).sort(), name).toEqual(Object.keys(en).sort());
      for (const key of Object.keys(en) as (keyof typeof en)[]) {
        expect(placeholders(messages[key]), `${name} ${key}`).toEqual(placeholders(en[key]));
        expect(messages[key].trim(), `${name} ${key}`).not.toBe('');
      }
    }
  });
});

describe('language and formatting', () => {
  test('the stored choice wins, then the browser languages, then English', () => {
    expect(pickLanguage('de', ['en-US'])).toBe('de');
    expect(pickLanguage(null, ['fr-FR', 'de-AT', 'en'])).toBe('de');
    expect(pickLanguage(null, ['fr'])).toBe('en');
    expect(pickLanguage('xx', [])).toBe('en');
  });

  test('messages fill their placeholders in the current language', () => {
    language.value = 'en';
    expect(t('my.greeting', { name: 'Maya' })).toBe('Hello, Maya');
    language.value = 'de';
    expect(t('my.greeting', { name: 'Maya' })).toBe('Hallo, Maya');
    language.value = 'en';
  });

  test('numbers follow the locale', () => {
    language.value = 'en';
    expect(percent(0.637)).toBe('64%');
    expect(withUnit(295658, '$')).toBe('$295,658');
    expect(withUnit(81.3, '%')).toBe('81.3%');
    language.value = 'de';
    expect(percent(0.637)).toBe('64\u00a0%');
    expect(withUnit(1.5, 'days')).toBe('1,5 days');
    language.value = 'en';
  });
});
