import { useId } from 'react';
import { layoutBars, ticks } from './statistics-logic';

export interface BarSeries {
  name: string;
  /** CSS colour. */
  colour: string;
  values: readonly number[];
}

export interface BarChartProps {
  title: string;
  labels: readonly string[];
  series: readonly BarSeries[];
  /** Fixed axis top (e.g. 1 for rates); otherwise rounded up from the data. */
  top?: number;
  /** Smallest axis top for counts (so 0…5 rather than 0…1 for small numbers). */
  minTop?: number;
  formatTick: (v: number) => string;
  formatValue: (v: number) => string;
  testId?: string;
}

const W = 760;
const H = 220;
const M = { top: 12, right: 12, bottom: 44, left: 56 };

/** Grouped vertical bars as plain SVG: one group per label, one bar per series, a y axis with round ticks. */
export function BarChart({ title, labels, series, top, minTop = 5, formatTick, formatValue, testId }: BarChartProps) {
  const titleId = useId();
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const values = labels.map((_, g) => series.map((s) => s.values[g] ?? 0));
  const dataMax = Math.max(0, ...values.flat());
  const layout = layoutBars(values, plotW, plotH, top ?? (dataMax < minTop ? minTop : undefined));
  const rotate = labels.length > 8;
  return (
    <figure className="bar-chart" data-testid={testId}>
      <figcaption id={titleId}>
        <span>{title}</span>
        <span className="bar-legend">
          {series.map((s) => (
            <span key={s.name}>
              <i style={{ background: s.colour }} />
              {s.name}
            </span>
          ))}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={titleId} preserveAspectRatio="xMidYMid meet">
        <g transform={`translate(${M.left},${M.top})`}>
          {ticks(layout.top).map((v) => (
            <g key={v} transform={`translate(0,${layout.scaleY(v)})`}>
              <line x2={plotW} className="bar-grid" />
              <text x={-6} dy="0.32em" textAnchor="end" className="bar-tick">
                {formatTick(v)}
              </text>
            </g>
          ))}
          {layout.bars.map((b) => (
            <rect key={`${b.group}-${b.series}`} x={b.x} y={b.y} width={Math.max(0, b.width - 2)} height={b.height} fill={series[b.series]!.colour} data-value={b.value}>
              <title>{`${labels[b.group]} · ${series[b.series]!.name}: ${formatValue(b.value)}`}</title>
            </rect>
          ))}
          <line y1={plotH} y2={plotH} x2={plotW} className="bar-axis" />
          {layout.groupCentres.map((x, g) => (
            <text key={g} x={x} y={plotH + 16} textAnchor={rotate ? 'end' : 'middle'} transform={rotate ? `rotate(-30 ${x} ${plotH + 16})` : undefined} className="bar-label">
              {labels[g]}
            </text>
          ))}
        </g>
      </svg>
    </figure>
  );
}
