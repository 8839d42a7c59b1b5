import {
  CAMERA_CATEGORY_NAMES,
  CAMERA_VIEW_CSV_HEADERS,
  CAMERA_VIEW_CSV_WORDS,
  type CameraViewReportResponse,
  type CameraViewReportRow,
  type ReportLanguage,
} from '../../../contracts/src/camera-view-report';
import type { CameraCategory } from '../../../contracts/src/camera';
import type { OrgUnit } from '../../../contracts/src/org-unit';
import type { CameraViewTotal } from '../db/view-session-repository';
import { toCsv } from '../server/csv-writer';

// The viewing-coverage report (pure): rows from the cameras in scope, their viewing totals and last views, and the CSV.

export interface ReportCamera {
  id: string;
  name: string;
  orgUnitId: string;
  category: CameraCategory;
}

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

/** The township a unit lies in (itself for a township; null for the county or an unknown unit). */
export function townshipOf(unitId: string, byId: ReadonlyMap<string, OrgUnit>): string | null {
  let unit = byId.get(unitId);
  for (let hops = 0; unit && hops < 8; hops++) {
    if (unit.level === 'township') return unit.id;
    unit = unit.parentId ? byId.get(unit.parentId) : undefined;
  }
  return null;
}

export function buildCameraViewReport(
  period: { from: string; to: string },
  cameras: readonly ReportCamera[],
  totals: readonly CameraViewTotal[],
  lastViews: ReadonlyArray<{ cameraId: string; at: number }>,
  orgUnitsById: ReadonlyMap<string, OrgUnit>,
): CameraViewReportResponse {
  const totalOf = new Map(totals.map((t) => [t.cameraId, t]));
  const lastOf = new Map(lastViews.map((v) => [v.cameraId, v.at]));
  const items: CameraViewReportRow[] = cameras.map((c) => ({
    cameraId: c.id,
    name: c.name,
    orgUnitId: c.orgUnitId,
    townshipId: townshipOf(c.orgUnitId, orgUnitsById),
    category: c.category,
    seconds: Math.round((totalOf.get(c.id)?.seconds ?? 0) * 10) / 10,
    sessions: totalOf.get(c.id)?.sessions ?? 0,
    lastViewedAt: iso(lastOf.get(c.id)),
  }));
  const unviewed = items.filter((r) => r.sessions === 0).map((r) => r.cameraId);
  return { from: period.from, to: period.to, items, unviewed, total: items.length, unviewedCount: unviewed.length };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD HH:mm` in the site's local time (a CSV is read by Excel and scripts: one unambiguous form). */
export function localDateTime(isoValue: string, utcOffsetMinutes: number): string {
  const d = new Date(Date.parse(isoValue) + utcOffsetMinutes * 60_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** The report as CSV (BOM, RFC 4180) with headers, category names and words in the console's language. */
export function cameraViewReportCsv(report: CameraViewReportResponse, lang: ReportLanguage, orgUnitsById: ReadonlyMap<string, OrgUnit>, utcOffsetMinutes: number): string {
  const words = CAMERA_VIEW_CSV_WORDS[lang];
  const nameOf = (id: string | null) => {
    const u = id ? orgUnitsById.get(id) : undefined;
    if (!u) return null;
    return lang === 'en' && u.nameEn ? u.nameEn : u.name;
  };
  return toCsv(
    CAMERA_VIEW_CSV_HEADERS[lang],
    report.items.map((r) => [
      r.name,
      nameOf(r.townshipId),
      orgUnitsById.get(r.orgUnitId)?.level === 'village' ? nameOf(r.orgUnitId) : null,
      CAMERA_CATEGORY_NAMES[r.category][lang],
      r.seconds,
      r.sessions,
      r.lastViewedAt ? localDateTime(r.lastViewedAt, utcOffsetMinutes) : words.never,
      r.sessions > 0 ? words.yes : words.no,
    ]),
  );
}

/** camera-views-2026-12-01-2026-12-07.csv: local calendar days, the last one inclusive. */
export function reportFileName(report: Pick<CameraViewReportResponse, 'from' | 'to'>, utcOffsetMinutes: number): string {
  const day = (ms: number) => new Date(ms + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
  return `camera-views-${day(Date.parse(report.from))}-${day(Date.parse(report.to) - 1)}.csv`;
}
