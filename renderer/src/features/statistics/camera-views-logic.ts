// The "cameras nobody looked at" screen's pure parts: the period presets, the report's query, and the table's rows
// (unviewed only or all, sorted by a column). Names and words come from the caller, so this stays language-free.
import type { CameraViewReportRow, ReportLanguage } from '../../../../contracts/src/camera-view-report';
import { periodRange, type Period } from './statistics-logic';

export const PERIOD_PRESETS = ['today', '7d', '30d', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

const pad = (n: number) => String(n).padStart(2, '0');
const localDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** Local calendar days, both inclusive: today; the last 7 or 30 days including today. A custom period keeps `current`. */
export function presetPeriod(preset: PeriodPreset, now: Date, current: Period): Period {
  const days = preset === 'today' ? 1 : preset === '7d' ? 7 : preset === '30d' ? 30 : 0;
  if (days === 0) return current;
  const first = new Date(now.getFullYear(), now.getMonth(), now.getDate() - (days - 1));
  return { from: localDay(first), to: localDay(now) };
}

/** `GET /api/v1/reports/camera-views` query; null when the period is not a valid range. */
export function cameraViewsQuery(p: Period, orgUnit: string, format: 'json' | 'csv' = 'json', lang: ReportLanguage = 'zh-CN'): string | null {
  const range = periodRange(p);
  if (!range) return null;
  const q = new URLSearchParams({ from: range.from, to: range.to });
  if (orgUnit) q.set('orgUnit', orgUnit);
  if (format === 'csv') {
    q.set('format', 'csv');
    q.set('lang', lang);
  }
  return q.toString();
}

export const SORT_KEYS = ['name', 'area', 'category', 'lastViewed', 'seconds'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface Sort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

/** Clicking a column: the same one flips direction; another starts ascending (names, oldest view first). */
export function nextSort(current: Sort, key: SortKey): Sort {
  return current.key === key ? { key, dir: current.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' };
}

export interface TableOptions {
  unviewedOnly: boolean;
  sort: Sort;
  /** Township / village label of a row, as shown (sorting follows what the operator reads). */
  areaOf: (row: CameraViewReportRow) => string;
  /** The console's collation (zh: pinyin order of names). */
  compare: (a: string, b: string) => number;
}

/** The rows shown: never-viewed cameras sort before any viewed one when ascending by last view (the oldest first). */
export function tableRows(items: readonly CameraViewReportRow[], o: TableOptions): CameraViewReportRow[] {
  const rows = o.unviewedOnly ? items.filter((r) => r.sessions === 0) : [...items];
  const last = (r: CameraViewReportRow) => (r.lastViewedAt === null ? -Infinity : Date.parse(r.lastViewedAt));
  const by: Record<SortKey, (a: CameraViewReportRow, b: CameraViewReportRow) => number> = {
    name: (a, b) => o.compare(a.name, b.name),
    area: (a, b) => o.compare(o.areaOf(a), o.areaOf(b)),
    category: (a, b) => a.category - b.category,
    lastViewed: (a, b) => last(a) - last(b),
    seconds: (a, b) => a.seconds - b.seconds,
  };
  const sign = o.sort.dir === 'asc' ? 1 : -1;
  return rows.sort((a, b) => sign * by[o.sort.key](a, b) || o.compare(a.name, b.name) || a.cameraId.localeCompare(b.cameraId));
}
