import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

import { api } from '../api/client';
import type { CheckIn, KeyResult } from '../api/types';
import { date, number, percent, plural, t, withUnit } from '../i18n';
import { kpiName, loadKpis } from '../kpis';
import { loadPeople, nameOf } from '../people';
import { useLoad } from '../useLoad';
import { CommentThread, Comments, useComments, type Comment } from './Comments';

export interface History {
  points: Array<{ at: string; progress: number; check_in: CheckIn }>;
  pace: Array<{ at: string; expected: number }>;
}

const seconds = (instant: string) => Date.parse(instant) / 1000;

// The chart's data: one x axis with every instant of either line, progress
// held flat between check-ins (it is what it was until the next one), and
// the pace drawn straight between its corners.
export function chartData(history: History): [number[], Array<number | null>, Array<number | null>] {
  const xs = [...new Set([...history.points.map((p) => seconds(p.at)), ...history.pace.map((p) => seconds(p.at))])].sort(
    (a, b) => a - b,
  );
  const progress = new Map(history.points.map((p) => [seconds(p.at), p.progress]));
  const pace = new Map(history.pace.map((p) => [seconds(p.at), p.expected]));
  return [xs, xs.map((x) => progress.get(x) ?? null), xs.map((x) => pace.get(x) ?? null)];
}

function Chart(props: { history: History; title: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return undefined;
    const style = getComputedStyle(document.documentElement);
    const colour = (name: string) => style.getPropertyValue(name).trim() || '#333';
    const plot = new uPlot(
      {
        width: Math.max(280, box.current.clientWidth),
        height: 200,
        legend: { show: true },
        scales: { y: { range: [0, 1] } },
        axes: [{}, { values: (_u, ticks) => ticks.map((v) => percent(v)) }],
        series: [
          { value: (_u, v) => (v == null ? '' : date(new Date(v * 1000).toISOString())) },
          {
            label: t('history.progress'),
            stroke: colour('--on-track'),
            width: 2,
            spanGaps: true,
            paths: uPlot.paths.stepped!({ align: 1 }),
            points: { show: true, size: 6 },
            value: (_u, v) => (v == null ? '' : percent(v)),
          },
          {
            label: t('history.expected'),
            stroke: colour('--ink'),
            dash: [6, 4],
            width: 1.5,
            spanGaps: true,
            points: { show: false },
            value: (_u, v) => (v == null ? '' : percent(v)),
          },
        ],
      },
      chartData(props.history),
      box.current,
    );
    return () => plot.destroy();
  }, [props.history]);
  return <div class="chart" ref={box} role="img" aria-label={t('history.chart', { title: props.title })} />;
}

// The conversation about one check-in ("why did it drop?"): a button at the
// end of its line with the number of comments, which opens them below it.
function CheckInCommentsButton(props: { count: number; open: boolean; onToggle: () => void }) {
  return (
    <>
      {' · '}
      <button type="button" class="link-button" aria-expanded={props.open} onClick={props.onToggle}>
        {props.count === 0 ? t('history.comment') : t(plural('history.comments', props.count), { count: props.count })}
      </button>
    </>
  );
}

// A key result's history: the chart of progress against the expected pace,
// and the check-ins with their notes and comments, newest first.
export function KeyResultHistory(props: { keyResult: KeyResult }) {
  const kr = props.keyResult;
  const loaded = useLoad(
    async () => {
      await Promise.all([loadPeople(), kr.progress_source === 'kpi' ? loadKpis() : null]);
      return api<History>('GET', `/key-results/${kr.id}/history`);
    },
    [kr.id],
    ['check_in'],
  );
  const comments = useComments({ key_result_id: kr.id });
  const [thread, setThread] = useState<string | null>(null); // the check-in whose comments are open
  const canComment = Boolean(kr.can.comment);
  if (!loaded.data) return <p class="hint">{t('app.loading')}</p>;
  const byCheckIn = new Map<string, Comment[]>();
  for (const c of comments.data?.items ?? []) {
    if ('check_in_id' in c.target) {
      byCheckIn.set(c.target.check_in_id, [...(byCheckIn.get(c.target.check_in_id) ?? []), c]);
    }
  }
  const checkIns = [...loaded.data.points].reverse();
  const shown = (c: CheckIn) => {
    if (c.value !== undefined && c.value !== null) return withUnit(c.value, kr.unit);
    if (kr.kind === 'boolean') return c.done ? t('check_in.done') : '–';
    if (kr.kind === 'milestones') return t('history.milestones', { count: c.milestones_done.length });
    return '';
  };
  return (
    <div class="history">
      <Chart history={loaded.data} title={kr.title} />
      {checkIns.length === 0 ? (
        <p class="empty">{t('history.none')}</p>
      ) : (
        <ol class="check-ins" reversed>
          {checkIns.map((p) => (
            <li key={p.check_in.id}>
              <span class="check-in-when">{date(p.at)}</span> <strong>{shown(p.check_in)}</strong> ({percent(p.progress)})
              {p.check_in.confidence !== null && <> · {t('progress.confidence', { value: number(p.check_in.confidence) })}</>}
              {' · '}
              {p.check_in.kpi_id ? t('history.from_kpi', { name: kpiName(p.check_in.kpi_id) }) : nameOf(p.check_in.author_id)}
              {(canComment || byCheckIn.has(p.check_in.id)) && (
                <CheckInCommentsButton
                  count={byCheckIn.get(p.check_in.id)?.length ?? 0}
                  open={thread === p.check_in.id}
                  onToggle={() => setThread(thread === p.check_in.id ? null : p.check_in.id)}
                />
              )}
              {p.check_in.note && <p class="check-in-note">{p.check_in.note}</p>}
              {thread === p.check_in.id && (
                <div class="check-in-comments">
                  <CommentThread
                    target={{ check_in_id: p.check_in.id }}
                    items={byCheckIn.get(p.check_in.id) ?? []}
                    canComment={canComment}
                    onChanged={comments.reload}
                    autoFocus
                  />
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
      <Comments target={{ key_result_id: kr.id }} canComment={Boolean(kr.can.comment)} level={3} />
    </div>
  );
}
