import type { Period } from '../api/types';
import { date, t } from '../i18n';
import { timelineMarks, type TimelineMark } from '../timeline';

const labels: Record<TimelineMark['step'], Parameters<typeof t>[0]> = {
  drafts_due: 'timeline.drafts_due',
  review: 'timeline.review',
  commit: 'timeline.commit',
  start: 'timeline.start',
  end: 'timeline.end',
  today: 'timeline.today',
};

// F16: a period's rollout (drafts due, cross-team review, commit) and its
// run (start, end) on one line, with today marked. The dates are the
// server's; the line is drawn for the eye (aria-hidden), and the list below
// it says the same in words.
export function RolloutTimeline(props: { period: Period; today: string }) {
  const { period, today } = props;
  if (!period.rollout) return null;
  const { marks, todayIs } = timelineMarks(period, today);
  return (
    <section class="timeline card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timeline.title')}</h2>
      <div class="timeline-track" aria-hidden="true">
        <div class="timeline-rollout" style={{ width: `${marks.find((m) => m.step === 'start')!.at}%` }} />
        {marks.map((m) => (
          <span
            key={m.step}
            class={`timeline-mark timeline-${m.step}`}
            style={{ left: `${m.at}%` }}
            title={t(labels[m.step])}
          />
        ))}
      </div>
      <ol class="timeline-steps">
        {marks.map((m) => (
          <li key={m.step} class={`timeline-step timeline-${m.step}${m.day < today ? ' past' : ''}`}>
            <span class="timeline-dot" aria-hidden="true" />
            <span class="timeline-label">{t(labels[m.step])}</span> <time dateTime={m.day}>{date(m.day)}</time>
          </li>
        ))}
      </ol>
      {todayIs === 'before' && <p class="hint">{t('timeline.before')}</p>}
      {todayIs === 'after' && <p class="hint">{t('timeline.after')}</p>}
    </section>
  );
}
