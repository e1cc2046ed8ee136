// A small time-series chart (uPlot, drawn on a canvas) that screen readers
// know as an image named `label`, described by its latest figures in words.
import { useEffect, useId, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  colour: string;
}

interface TimeChartProps {
  label: string;
  /** The latest figures in words: the chart's accessible description, also shown under it. */
  description: string;
  /** Seconds since the epoch, one per value. */
  time: number[];
  series: ChartSeries[];
  /** How a value reads on the y axis. */
  format(value: number): string;
  /** The y axis starts at 0 and reaches at least this (100 for a percentage of one CPU). */
  minMax?: number;
}

const HEIGHT = 120;

export function TimeChart(props: TimeChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const latest = useRef(props);
  // Declared before the effect that reads it, so it runs first.
  useEffect(() => {
    latest.current = props;
  });
  const descriptionId = useId();
  const seriesKey = props.series.map((s) => s.label).join('|');

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const { format, minMax = 1 } = latest.current;
    const chart = new uPlot(
      {
        width: Math.max(200, el.clientWidth),
        height: HEIGHT,
        legend: { show: latest.current.series.length > 1, live: false },
        cursor: { show: false },
        scales: { y: { range: (_u, _min, max) => [0, Math.max(max, minMax)] } },
        axes: [{}, { size: 70, values: (_u, ticks) => ticks.map((t) => format(t)) }],
        series: [
          {},
          ...latest.current.series.map((s) => ({ label: s.label, stroke: s.colour, width: 1.5 })),
        ],
      },
      [latest.current.time, ...latest.current.series.map((s) => s.values)],
      el,
    );
    plot.current = chart;
    // The panel's width follows the window; the chart follows the panel.
    const resize = new ResizeObserver(() =>
      chart.setSize({ width: Math.max(200, el.clientWidth), height: HEIGHT }),
    );
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.destroy();
      plot.current = null;
    };
  }, [seriesKey]);

  useEffect(() => {
    plot.current?.setData([props.time, ...props.series.map((s) => s.values)]);
  }, [props.time, props.series]);

  return (
    <figure className="time-chart">
      <figcaption aria-hidden="true">{props.label}</figcaption>
      <div role="img" aria-label={props.label} aria-describedby={descriptionId} ref={host} />
      <p id={descriptionId} className="muted">
        {props.description}
      </p>
    </figure>
  );
}
