// What the Insight page shows of the reports, as pure functions: the words
// for a measured value or a figure, which periods to compare first, and how
// rolled-over objectives line up across the comparison's columns. Every
// number comes from the server (docs/maturity.md); nothing here judges a rule.
import type { ComparedObjective, HealthFigure, HealthSnapshot, MaturityCriterion, Period, PeriodComparison } from './api/types';
import { number, percent, plural, t } from './i18n';

// A criterion's number in its unit: a ratio as %, days with their word.
export function measureText(value: number, unit: MaturityCriterion['unit']): string {
  if (unit === 'ratio') return percent(value);
  if (unit === 'days') return t(plural('maturity.days', value), { value: number(value) });
  return number(value);
}

export function measuredText(c: MaturityCriterion): string {
  return c.measured === null ? t('maturity.not_measurable') : measureText(c.measured, c.unit);
}

// "≥ 80 %", "≤ 7 days": the threshold with its direction.
export function thresholdText(c: MaturityCriterion): string {
  return t(c.comparison === 'at_most' ? 'maturity.at_most' : 'maturity.at_least', {
    value: measureText(c.threshold, c.unit),
  });
}

// "12 / 15 (80 %)"; without a share when there is nothing to count.
export function figureText(f: HealthFigure): string {
  if (f.ratio === null) return t('health.figure_undefined', { numerator: number(f.numerator), denominator: number(f.denominator) });
  return t('health.figure_value', {
    numerator: number(f.numerator),
    denominator: number(f.denominator),
    percent: percent(f.ratio),
  });
}

// Attainment in words: a closed period's mean score, or how far ahead of or
// behind pace an open one is.
export function attainmentText(a: HealthSnapshot['attainment']): string {
  if (a.value === null) return t('health.attainment_none');
  if (a.kind === 'score') return t('health.attainment_score', { value: percent(a.value) });
  if (a.value > 0) return t('health.attainment_ahead', { value: percent(a.value) });
  if (a.value < 0) return t('health.attainment_behind', { value: percent(-a.value) });
  return t('health.attainment_on_pace');
}

// The periods to compare first: the last (up to) four quarters that have
// started by `today`, oldest first; with fewer than two, the last four
// periods of any kind that have started.
export function defaultComparePeriods(periods: Period[], today: string): string[] {
  const started = periods.filter((p) => p.start_date <= today).sort((a, b) => (a.start_date < b.start_date ? -1 : 1));
  const quarters = started.filter((p) => p.kind === 'quarter');
  const chosen = quarters.length >= 2 ? quarters : started;
  return chosen.slice(-4).map((p) => p.id);
}

// One row of the comparison table: a cell per period column, each holding
// the objectives that continue the row's chain of rollovers.
export type CompareRow = Array<ComparedObjective | null>;

// Lays the compared objectives out in rows so that an objective rolled over
// into another compared period sits on the row of its original, in the
// column of its own period. Objectives without a link get a row of their own.
export function compareRows(comparison: PeriodComparison): CompareRow[] {
  const columns = comparison.periods.length;
  const rows: CompareRow[] = [];
  const rowOf = new Map<string, number>();
  const original = new Map(comparison.rollovers.map((r) => [r.to, r.from]));
  // Originals first, whatever order the periods were asked in: a copy can
  // only join its original's row once that row exists.
  const order = comparison.periods
    .flatMap((p, column) => p.objectives.map((o) => ({ o, column, start: p.start_date })))
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  for (const { o, column } of order) {
    const from = original.get(o.id);
    const row = from === undefined ? undefined : rowOf.get(from);
    if (row !== undefined && rows[row]![column] === null) {
      rows[row]![column] = o;
      rowOf.set(o.id, row);
      continue;
    }
    const fresh: CompareRow = Array.from({ length: columns }, () => null);
    fresh[column] = o;
    rowOf.set(o.id, rows.length);
    rows.push(fresh);
  }
  return rows;
}
