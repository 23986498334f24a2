// The Insight page's words and layout (src/insight.ts): measured values and
// figures in the reader's language, the periods compared first, and rolled-
// over objectives on the row of their original. The criteria are read from
// the server's source, so a new one there fails here until the app has words
// for it in every language.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { afterEach, describe, expect, test } from 'vitest';

import type { ComparedObjective, MaturityCriterion, Period, PeriodComparison } from '../src/api/types';
import { catalogues, language, languages } from '../src/i18n';
import { compareRows, defaultComparePeriods, figureText, measuredText, thresholdText } from '../src/insight';

const source = readFileSync(resolve(__dirname, '../../src/core/maturity.cc'), 'utf8');
// add("id", MaturityStage::kX, "description" "continued", …
const serverCriteria = [...source.matchAll(/add\("([\w.]+)",\s*MaturityStage::k\w+,\s*((?:"(?:[^"\\]|\\.)*"\s*)+)/g)].map(
  (m) => ({ id: m[1]!, description: [...m[2]!.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((s) => s[1]).join('') }),
);

afterEach(() => {
  language.value = 'en';
});

const criterion = (over: Partial<MaturityCriterion>): MaturityCriterion => ({
  id: 'master.comments',
  stage: 'master',
  description: '',
  measured: 0.25,
  threshold: 0.3,
  comparison: 'at_least',
  unit: 'ratio',
  passed: false,
  next_step: 'Comment',
  ...over,
});

describe('maturity criteria', () => {
  test('every criterion of the server has words in every language', () => {
    expect(serverCriteria).toHaveLength(19);
    for (const lang of languages) {
      const messages = catalogues[lang] as Record<string, string>;
      for (const c of serverCriteria) {
        expect(messages[`maturity.criterion.${c.id}`], `${lang} ${c.id}`).toBeTruthy();
        expect(messages[`maturity.next.${c.id}`], `${lang} next step of ${c.id}`).toBeTruthy();
      }
    }
    // The English words are the server's own.
    for (const c of serverCriteria) {
      expect((catalogues.en as Record<string, string>)[`maturity.criterion.${c.id}`]).toBe(c.description);
    }
  });

  test('measured values and thresholds in their units', () => {
    expect(measuredText(criterion({}))).toBe('25%');
    expect(thresholdText(criterion({}))).toBe('≥ 30%');
    const days = criterion({ unit: 'days', measured: 10, threshold: 7, comparison: 'at_most' });
    expect(measuredText(days)).toBe('10 days');
    expect(thresholdText(days)).toBe('≤ 7 days');
    expect(measuredText(criterion({ unit: 'days', measured: 1 }))).toBe('1 day');
    expect(measuredText(criterion({ unit: 'count', measured: 3 }))).toBe('3');
    expect(measuredText(criterion({ measured: null }))).toBe('not measurable yet');
    language.value = 'de';
    expect(measuredText(days)).toBe('10 Tage');
    expect(thresholdText(criterion({}))).toBe('≥ 30\u00a0%');
  });
});

describe('health figures', () => {
  test('a share with its counts, or nothing to count', () => {
    expect(figureText({ numerator: 12, denominator: 15, ratio: 0.8 })).toBe('12 / 15 (80%)');
    expect(figureText({ numerator: 0, denominator: 0, ratio: null })).toBe('0 / 0 (nothing to count)');
    language.value = 'de';
    expect(figureText({ numerator: 1200, denominator: 1500, ratio: 0.8 })).toBe('1.200 / 1.500 (80\u00a0%)');
  });
});

const period = (id: string, kind: string, start: string): Period => ({
  id,
  name: id,
  kind,
  start_date: start,
  end_date: start,
  parent_id: null,
  state: 'active',
});

describe('the periods compared first', () => {
  test('the last four quarters that have started, oldest first', () => {
    const list = [
      period('2026', 'year', '2026-01-01'),
      period('q4-25', 'quarter', '2025-10-01'),
      period('q1', 'quarter', '2026-01-01'),
      period('q3', 'quarter', '2026-07-01'),
      period('q2', 'quarter', '2026-04-01'),
      period('q3-25', 'quarter', '2025-07-01'),
      period('q4', 'quarter', '2026-10-01'),
    ];
    expect(defaultComparePeriods(list, '2026-08-15')).toEqual(['q4-25', 'q1', 'q2', 'q3']);
  });

  test('with fewer than two quarters, the periods of any kind that have started', () => {
    const list = [period('2026', 'year', '2026-01-01'), period('q1', 'quarter', '2026-01-01'), period('jan', 'month', '2026-01-01')];
    expect(defaultComparePeriods(list, '2026-02-01')).toEqual(['2026', 'q1', 'jan']);
    expect(defaultComparePeriods([], '2026-02-01')).toEqual([]);
  });
});

const objective = (id: string, rolledFrom: string | null = null): ComparedObjective => ({
  id,
  title: id,
  status: 'on_track',
  progress: 0.5,
  score: null,
  success: null,
  type: 'committed',
  rolled_over_from: rolledFrom,
});

const column = (id: string, start: string, objectives: ComparedObjective[]) => ({
  period_id: id,
  name: id,
  start_date: start,
  end_date: start,
  state: 'closed' as const,
  progress: 0.5,
  score: null,
  objectives,
});

describe('comparison rows', () => {
  test('a rollover chain shares a row; the rest get rows of their own', () => {
    const comparison: PeriodComparison = {
      unit_id: 'unit_1',
      as_of: '2026-08-31T00:00:00Z',
      // Asked newest first: the copies come before their originals.
      periods: [
        column('q3', '2026-07-01', [objective('c', 'b'), objective('new')]),
        column('q2', '2026-04-01', [objective('b', 'a'), objective('other')]),
        column('q1', '2026-01-01', [objective('a')]),
      ],
      rollovers: [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
      ],
    };
    const ids = compareRows(comparison).map((row) => row.map((o) => o?.id ?? null));
    expect(ids).toEqual([
      ['c', 'b', 'a'],
      [null, 'other', null],
      ['new', null, null],
    ]);
  });

  test('a copy whose original is not listed (private, or not compared) starts a row', () => {
    const comparison: PeriodComparison = {
      unit_id: 'unit_1',
      as_of: '2026-08-31T00:00:00Z',
      periods: [column('q1', '2026-01-01', []), column('q2', '2026-04-01', [objective('b', 'hidden')])],
      rollovers: [],
    };
    expect(compareRows(comparison).map((row) => row.map((o) => o?.id ?? null))).toEqual([[null, 'b']]);
  });
});
