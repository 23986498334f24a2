// Where the marks of a period's rollout timeline go on its line. Only
// drawing: the dates themselves are the server's (period.rollout). The two
// weeks of rollout take the first 30 % of the line and the period the rest,
// so the rollout's close dates stay apart on a quarter's line.
import type { Period } from './api/types';

export interface TimelineMark {
  step: 'drafts_due' | 'review' | 'commit' | 'start' | 'end' | 'today';
  day: string; // YYYY-MM-DD
  at: number; // percent of the line, 0–100
}

const rolloutShare = 30;
const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

function position(day: string, firstDay: string, start: string, end: string): number {
  if (day <= start) return (rolloutShare * days(firstDay, day)) / Math.max(1, days(firstDay, start));
  return rolloutShare + ((100 - rolloutShare) * days(start, day)) / Math.max(1, days(start, end));
}

// The marks in the order of their days; today's only when it falls on the
// line (`todayIs` says which side it is on otherwise).
export function timelineMarks(
  period: Pick<Period, 'start_date' | 'end_date' | 'rollout'>,
  today: string,
): { marks: TimelineMark[]; todayIs: 'before' | 'within' | 'after' } {
  const r = period.rollout!;
  const first = r.drafts_due;
  const steps: Array<[TimelineMark['step'], string]> = [
    ['drafts_due', r.drafts_due],
    ['review', r.review],
    ['commit', r.commit],
    ['start', period.start_date],
    ['end', period.end_date],
  ];
  const at = (day: string) => position(day, first, period.start_date, period.end_date);
  const marks = steps.map(([step, day]) => ({ step, day, at: at(day) }));
  const todayIs = today < first ? 'before' : today > period.end_date ? 'after' : 'within';
  if (todayIs === 'within') {
    const mark: TimelineMark = { step: 'today', day: today, at: at(today) };
    // After the marks of the same day: "start" then "today".
    const index = marks.findIndex((m) => m.day > today);
    marks.splice(index < 0 ? marks.length : index, 0, mark);
  }
  return { marks, todayIs };
}

// Today's calendar day where the reader is, as YYYY-MM-DD.
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
