import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  values: Array<number | null>;
  // A colour of the stylesheet (e.g. '--on-track'), so the chart follows the theme.
  colour: string;
  dash?: number[];
}

export interface LineChartProps {
  // What the chart shows, for people who cannot see it (the page also lists the numbers).
  label: string;
  // What the x axis counts (a date, a period), named in the legend.
  xLabel: string;
  // Seconds since the epoch (ticks on whole days), or positions 0, 1, … of
  // named categories (periods), drawn with half a step of room at each end.
  xs: number[];
  xTime?: boolean;
  series: ChartSeries[];
  // The words for a value on each axis and in the legend.
  formatX: (x: number) => string;
  formatY: (y: number) => string;
  // Where the ticks go; uPlot's own choice when absent.
  xTicks?: number[];
  yTicks?: number[];
  yRange?: [number, number];
  stepped?: boolean;
  height?: number;
}

// A few lines over one x axis on a canvas (uPlot), as the Insight reports
// draw them: the server's numbers, nothing recomputed. Gaps (null) are not
// bridged, so "nothing to count" shows as a gap rather than as 0.
export function LineChart(props: LineChartProps) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current || props.xs.length === 0) return undefined;
    const style = getComputedStyle(document.documentElement);
    const colour = (name: string) => style.getPropertyValue(name).trim() || '#333';
    const ticks = (fixed: number[] | undefined) => (fixed ? { splits: () => fixed } : {});
    const plot = new uPlot(
      {
        width: Math.max(280, box.current.clientWidth),
        height: props.height ?? 220,
        legend: { show: true },
        scales: {
          x: props.xTime
            ? { time: true }
            : { time: false, range: [Math.min(...props.xs) - 0.5, Math.max(...props.xs) + 0.5] },
          y: props.yRange ? { range: props.yRange } : {},
        },
        axes: [
          { values: (_u, values) => values.map((v) => props.formatX(v)), ...ticks(props.xTicks) },
          { values: (_u, values) => values.map((v) => props.formatY(v)), size: 90, ...ticks(props.yTicks) },
        ],
        series: [
          { label: props.xLabel, value: (_u, v) => (v == null ? '' : props.formatX(v)) },
          ...props.series.map((s) => ({
            label: s.label,
            stroke: colour(s.colour),
            width: 2,
            ...(s.dash ? { dash: s.dash } : {}),
            ...(props.stepped ? { paths: uPlot.paths.stepped!({ align: 1 }) } : {}),
            points: { show: true, size: 6 },
            value: (_u: uPlot, v: number | null) => (v == null ? '–' : props.formatY(v)),
          })),
        ],
      },
      [props.xs, ...props.series.map((s) => s.values)] as uPlot.AlignedData,
      box.current,
    );
    return () => plot.destroy();
  }, [props.xs, props.series]);
  return <div class="chart" ref={box} role="img" aria-label={props.label} />;
}
