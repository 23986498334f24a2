import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

import type { Kpi, KpiValue } from '../api/types';
import { date, number, t } from '../i18n';

const seconds = (instant: string) => Date.parse(instant) / 1000;

// The chart's data: the values over time, and the band's ends as flat lines
// (absent ends drawn as nothing).
export function kpiChartData(kpi: Pick<Kpi, 'low' | 'high'>, values: KpiValue[]): Array<Array<number | null>> {
  const xs = values.map((v) => seconds(v.at));
  return [xs, values.map((v) => v.value), xs.map(() => kpi.low), xs.map(() => kpi.high)];
}

// A KPI's history against its healthy band, on a canvas (uPlot).
export function KpiChart(props: { kpi: Kpi; values: KpiValue[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current || props.values.length === 0) return undefined;
    const style = getComputedStyle(document.documentElement);
    const colour = (name: string) => style.getPropertyValue(name).trim() || '#333';
    const band = (label: string) => ({
      label,
      stroke: colour('--ink'),
      dash: [4, 4],
      width: 1,
      points: { show: false },
      value: (_u: uPlot, v: number | null) => (v == null ? '' : number(v)),
    });
    const plot = new uPlot(
      {
        width: Math.max(280, box.current.clientWidth),
        height: 220,
        legend: { show: true },
        axes: [{}, { values: (_u, ticks) => ticks.map((v) => number(v)) }],
        series: [
          { value: (_u, v) => (v == null ? '' : date(new Date(v * 1000).toISOString())) },
          {
            label: props.kpi.name,
            stroke: colour('--on-track'),
            width: 2,
            points: { show: true, size: 5 },
            value: (_u, v) => (v == null ? '' : number(v)),
          },
          band(t('kpi.low')),
          band(t('kpi.high')),
        ],
      },
      kpiChartData(props.kpi, props.values) as uPlot.AlignedData,
      box.current,
    );
    return () => plot.destroy();
  }, [props.kpi, props.values]);
  if (props.values.length === 0) return <p class="empty">{t('kpi.no_values')}</p>;
  return <div class="chart" ref={box} role="img" aria-label={t('kpi.chart', { name: props.kpi.name })} />;
}
