import { describe, expect, test } from 'vitest';

import { checkInBody, parseNumber, type CheckInForm } from '../src/checkin';

const form = (fields: Partial<CheckInForm>): CheckInForm => ({
  value: '',
  done: false,
  milestonesDone: [],
  confidence: '',
  note: '',
  ...fields,
});

describe('parseNumber', () => {
  test.each([
    ['45', 45],
    [' 45.5 ', 45.5],
    ['1,234.5', 1234.5],
    ['1,234', 1234],
    ['12,5', 12.5],
    ['-3', -3],
    ['.5', 0.5],
    ['1e3', 1000],
    ['1 234', 1234],
  ])('%j is %d', (text, value) => expect(parseNumber(text)).toBe(value));

  test.each(['', 'lots', '1.2.3', '12abc', 'Infinity', 'NaN', '1e999'])('%j is not a number', (text) =>
    expect(parseNumber(text)).toBeNull(),
  );
});

describe('checkInBody', () => {
  test('a metric check-in sends the value, confidence and trimmed note', () => {
    expect(checkInBody('metric', form({ value: '45', confidence: '9', note: ' better ' }))).toEqual({
      body: { value: 45, confidence: 9, note: 'better' },
    });
  });

  test('confidence may be left out', () => {
    expect(checkInBody('band', form({ value: '80' }))).toEqual({ body: { value: 80, note: '' } });
  });

  test('a missing value and a confidence out of 1–10 are both reported', () => {
    expect(checkInBody('metric', form({ value: '', confidence: '11' }))).toEqual({
      errors: { value: 'check_in.need_value', confidence: 'check_in.need_confidence' },
    });
    expect(checkInBody('metric', form({ value: '1', confidence: '2.5' }))).toEqual({
      errors: { confidence: 'check_in.need_confidence' },
    });
  });

  test('boolean and milestone key results send done and the reached milestones, in order', () => {
    expect(checkInBody('boolean', form({ done: true, confidence: '7' }))).toEqual({
      body: { done: true, confidence: 7, note: '' },
    });
    expect(checkInBody('milestones', form({ milestonesDone: [2, 0] }))).toEqual({
      body: { milestones_done: [0, 2], note: '' },
    });
  });
});
