// The statistics page's pure parts: the period and its query, locale formatting of counts and rates, row labels,
// and the scaling of the SVG bar charts.
import type { IncidentStatisticsRow } from '../../../../contracts/src/incident';
import type { Language } from '../../i18n/translate';
import { localDayToIso } from '../incidents';

export type GroupBy = 'township' | 'month';

export interface Period {
  /** Local calendar days, both inclusive (YYYY-MM-DD). */
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const localDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** This year so far: 1 January to today. */
export function defaultPeriod(now: Date): Period {
  return { from: `${now.getFullYear()}-01-01`, to: localDay(now) };
}

/** The half-open instant range [from 00:00, the day after `to` 00:00); null when a day is malformed or the range is reversed. */
export function periodRange(p: Period): { from: string; to: string } | null {
  const from = localDayToIso(p.from);
  const to = localDayToIso(p.to, 1);
  if (!from || !to || Date.parse(to) <= Date.parse(from)) return null;
  return { from, to };
}

export function statisticsQuery(p: Period, groupBy: GroupBy, format: 'json' | 'csv' = 'json'): string | null {
  const range = periodRange(p);
  if (!range) return null;
  const q = new URLSearchParams({ from: range.from, to: range.to, groupBy });
  if (format === 'csv') q.set('format', 'csv');
  return q.toString();
}

export function formatCount(n: number, lang: Language): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }).format(n);
}

/** 0.6572 → "65.72%"; null (nothing accepted) → "—". */
export function formatRate(rate: number | null, lang: Language): string {
  if (rate === null || !Number.isFinite(rate)) return '—';
  return new Intl.NumberFormat(lang, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(rate);
}

export function formatSatisfaction(avg: number | null, lang: Language): string {
  if (avg === null || !Number.isFinite(avg)) return '—';
  return new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(avg);
}

// ---------- chart scaling ----------

/** The smallest 1/2/5 × 10^k at or above `max` (at least 1), so the axis ends on a round number. */
export function niceMax(max: number): number {
  if (!Number.isFinite(max) || max <= 1) return 1;
  const exp = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * exp >= max * (1 - 1e-12)) return step * exp;
  return 10 * exp;
}

/** Evenly spaced ticks from 0 to a niceMax `top`: 5 steps for 1…/5…, 4 for 2… (so 20 → 0 5 10 15 20). */
export function ticks(top: number): number[] {
  const lead = Math.round(top / 10 ** Math.floor(Math.log10(top)));
  const count = lead === 2 ? 4 : 5;
  const out: number[] = [];
  for (let i = 0; i <= count; i++) out.push(Math.round(((top * i) / count) * 1e6) / 1e6);
  return out;
}

export interface Bar {
  group: number;
  series: number;
  x: number;
  y: number;
  width: number;
  height: number;
  value: number;
}

export interface BarLayout {
  top: number;
  bars: Bar[];
  /** Centre x of each group, for its label. */
  groupCentres: number[];
  groupWidth: number;
  /** Value → y in the plot (0 at the bottom). */
  scaleY: (v: number) => number;
}

/**
 * Grouped bars: `values[group][series]` in a plot `width` × `height` (y grows downwards). Each group takes an equal
 * slot with 20 % padding; its bars share the rest. `top` fixes the scale (e.g. 1 for rates), else niceMax of the data.
 */
export function layoutBars(values: readonly (readonly number[])[], width: number, height: number, top?: number): BarLayout {
  const max = Math.max(0, ...values.flat().filter(Number.isFinite));
  const axisTop = top ?? niceMax(max);
  const groups = Math.max(1, values.length);
  const groupWidth = width / groups;
  const inner = groupWidth * 0.8;
  const scaleY = (v: number) => height - (Math.max(0, Math.min(v, axisTop)) / axisTop) * height;
  const bars: Bar[] = [];
  const groupCentres: number[] = [];
  values.forEach((series, g) => {
    const x0 = g * groupWidth + (groupWidth - inner) / 2;
    const bw = inner / Math.max(1, series.length);
    groupCentres.push(g * groupWidth + groupWidth / 2);
    series.forEach((v, s) => {
      const value = Number.isFinite(v) ? v : 0;
      const y = scaleY(value);
      bars.push({ group: g, series: s, x: x0 + s * bw, y, width: bw, height: height - y, value });
    });
  });
  return { top: axisTop, bars, groupCentres, groupWidth, scaleY };
}

export const STAT_FIELDS = ['accepted', 'handled', 'handlingRate', 'overdue', 'supervised', 'returnVisits', 'satisfactionAvg', 'disputesInvestigated', 'disputesResolved'] as const;
export type StatField = (typeof STAT_FIELDS)[number];

export function formatField(row: IncidentStatisticsRow, field: StatField, lang: Language): string {
  switch (field) {
    case 'handlingRate':
      return formatRate(row.handlingRate, lang);
    case 'satisfactionAvg':
      return formatSatisfaction(row.satisfactionAvg, lang);
    default:
      return formatCount(row[field], lang);
  }
}
