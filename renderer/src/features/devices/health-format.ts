// Pure: the health page's figures (gateway health-report.ts shapes) put in order and into words/numbers.
import type { Translate } from '../../i18n/translate';

export type OrgLevel = 'county' | 'township' | 'village';

export interface UnitHealth {
  orgUnitId: string;
  name: string;
  level: OrgLevel;
  parentId: string | null;
  total: number;
  online: number;
  offline: number;
  unknown: number;
  /** online / (online + offline); null when nothing is known yet. */
  onlineRate: number | null;
}

export interface SweepReport {
  startedAt: number;
  durationMs: number;
  checked: number;
  online: number;
  offline: number;
  skipped: number;
  /** The counts cover only the caller's units (absent from an older gateway: county-wide). */
  scoped?: boolean;
  /** The sweep measured an overloaded gateway: its timeouts need more sweeps to declare offline (absent from an older gateway). */
  overloaded?: 'overran' | 'event-loop-lag' | null;
  eventLoopLagMs?: number;
}

export interface HealthSummary {
  units: UnitHealth[];
  /** The headline: the caller's own unit (a township officer's township) or the county. */
  scope?: UnitHealth | null;
  lastSweep: SweepReport | null;
}

export interface OfflineCamera {
  cameraId: string;
  name: string;
  orgUnitId: string;
  /** Absent from a gateway older than reason codes. */
  reasonCode?: string | null;
  reason: string | null;
  since: string | null;
  offlineSec: number | null;
}

export interface UnitAvailability {
  orgUnitId: string;
  name: string;
  level: OrgLevel;
  cameras: number;
  availability: number | null;
}

export interface AvailabilityReport {
  from: string;
  to: string;
  townships: UnitAvailability[];
  villages: UnitAvailability[];
}

/** `97.5%` (one decimal, none for 100 / 0), `—` when unknown. */
export function formatPercent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  const p = Math.min(100, Math.max(0, rate * 100));
  if (p === 100 || p === 0) return `${p}%`;
  // Never round a rate below 100 % up to "100%", nor above 0 down to "0%".
  const shown = Math.min(99.9, Math.max(0.1, Math.round(p * 10) / 10));
  return `${shown.toFixed(1)}%`;
}

/** Bar width in percent for a rate (0 when unknown). */
export function barWidth(rate: number | null | undefined): number {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return 0;
  return Math.round(Math.min(1, Math.max(0, rate)) * 1000) / 10;
}

/** Colour band: good ≥ 95 %, fair ≥ 80 %, else poor; unknown when nothing is known. */
export function rateBand(rate: number | null | undefined): 'good' | 'fair' | 'poor' | 'unknown' {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return 'unknown';
  return rate >= 0.95 ? 'good' : rate >= 0.8 ? 'fair' : 'poor';
}

/** Duration parts for "offline for": the two largest non-zero units among d / h / m / s. */
export function durationParts(sec: number | null | undefined): Array<{ unit: 'd' | 'h' | 'm' | 's'; value: number }> {
  if (sec === null || sec === undefined || !Number.isFinite(sec) || sec < 0) return [];
  let rest = Math.floor(sec);
  const parts: Array<{ unit: 'd' | 'h' | 'm' | 's'; value: number }> = [];
  for (const [unit, size] of [['d', 86_400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
    const value = Math.floor(rest / size);
    rest -= value * size;
    if (value > 0 || (unit === 's' && parts.length === 0)) parts.push({ unit, value });
  }
  return parts.slice(0, 2);
}

/** Compact duration like `2d 3h`, `5m 10s`, `0s` (unit letters are the same in both languages' UI). */
export function formatDuration(sec: number | null | undefined, units: Record<'d' | 'h' | 'm' | 's', string> = { d: 'd', h: 'h', m: 'm', s: 's' }): string {
  const parts = durationParts(sec);
  return parts.length === 0 ? '—' : parts.map((p) => `${p.value}${units[p.unit]}`).join(' ');
}

/**
 * The gateway reports only units that have cameras; the page lists every township (and village) the console knows
 * within the caller's scope (`rootId`, null: all), with zero cameras and an unknown rate where the summary has none.
 * The console also knows the units above a scoped user's own (for names); those are not theirs to list.
 */
export function withAllUnits(units: readonly UnitHealth[], orgUnits: ReadonlyArray<{ id: string; name: string; level: OrgLevel; parentId: string | null }>, rootId: string | null = null): UnitHealth[] {
  const have = new Set(units.map((u) => u.orgUnitId));
  const parentOf = new Map(orgUnits.map((o) => [o.id, o.parentId]));
  const inScope = (id: string) => {
    for (let at: string | null | undefined = id; at; at = parentOf.get(at)) if (at === rootId) return true;
    return rootId === null;
  };
  const missing = orgUnits
    .filter((o) => !have.has(o.id) && inScope(o.id))
    .map((o) => ({ orgUnitId: o.id, name: o.name, level: o.level, parentId: o.parentId, total: 0, online: 0, offline: 0, unknown: 0, onlineRate: null }));
  return [...units, ...missing];
}

/** Townships sorted by code, each with its villages (by code). The county row, if any, is returned apart. */
export function groupUnits(units: readonly UnitHealth[]): { county: UnitHealth | null; townships: Array<UnitHealth & { villages: UnitHealth[] }> } {
  const byCode = (a: UnitHealth, b: UnitHealth) => a.orgUnitId.localeCompare(b.orgUnitId);
  const villages = units.filter((u) => u.level === 'village');
  return {
    county: units.find((u) => u.level === 'county') ?? null,
    townships: units
      .filter((u) => u.level === 'township')
      .sort(byCode)
      .map((t) => ({ ...t, villages: villages.filter((v) => v.parentId === t.orgUnitId).sort(byCode) })),
  };
}

/** Worst first; unknown availability last; ties by code (the gateway sends them so, this keeps it so). */
export function worstFirst<T extends { availability: number | null; orgUnitId: string }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => (a.availability ?? 2) - (b.availability ?? 2) || a.orgUnitId.localeCompare(b.orgUnitId));
}

/** The online-rate table as CSV (client-side export), with a BOM for Excel. */
export function onlineRatesCsv(units: readonly UnitHealth[]): string {
  const q = (v: string) => (/[",\r\n]/.test(v) || /^[=+\-@\t\r]/.test(v) ? `"${(/^[=+\-@\t\r]/.test(v) ? `'${v}` : v).replace(/"/g, '""')}"` : v);
  const rows = units.map((u) => [u.level, u.orgUnitId, q(u.name), u.total, u.online, u.offline, u.unknown, u.onlineRate === null ? '' : (u.onlineRate * 100).toFixed(2)].join(','));
  return '\uFEFF' + ['level,org_unit,name,cameras,online,offline,unknown,online_rate_percent', ...rows].join('\r\n') + '\r\n';
}

export interface HealthHeadline {
  /** The headline unit (the caller's township, or the county), null before the summary arrives. */
  unit: UnitHealth | null;
  title: string;
  /** "全县在线率 …" or "<township>在线率 …"; '' without a unit. */
  rate: string;
  sweep: string;
}

/** Said after the last-sweep line when that sweep judged the gateway (its timeouts declared nobody offline yet). */
function overloadNote(last: SweepReport | null, t: Translate): string {
  if (!last?.overloaded) return '';
  return ' ' + t(`health.sweepOverloaded.${last.overloaded}`, { sec: (last.durationMs / 1000).toFixed(1), lag: ((last.eventLoopLagMs ?? 0) / 1000).toFixed(1) });
}

/**
 * The page's words for the caller's scope: a township officer's page is titled for their township, its headline is
 * their township's online rate and the last sweep line says it counts their cameras only.
 */
export function healthHeadline(
  summary: HealthSummary | null,
  t: Translate,
  name: (u: UnitHealth) => string,
  when: (ms: number) => string,
): HealthHeadline {
  const unit = summary?.scope ?? groupUnits(summary?.units ?? []).county;
  const unitName = unit && unit.level !== 'county' ? name(unit) : null;
  const figures = unit ? { rate: formatPercent(unit.onlineRate), online: unit.online, known: unit.online + unit.offline, total: unit.total } : null;
  const last = summary?.lastSweep ?? null;
  const sweepFigures = last && { time: when(last.startedAt), checked: last.checked, online: last.online, offline: last.offline, skipped: last.skipped, sec: (last.durationMs / 1000).toFixed(1) };
  return {
    unit,
    title: unitName ? t('health.titleUnit', { unit: unitName }) : t('health.title'),
    rate: !figures ? '' : unitName ? t('health.unitRate', { ...figures, unit: unitName }) : t('health.county', figures),
    sweep: !sweepFigures ? t('health.noSweep') : (last?.scoped && unitName ? t('health.lastSweepUnit', { ...sweepFigures, unit: unitName }) : t('health.lastSweep', sweepFigures)) + overloadNote(last, t),
  };
}
