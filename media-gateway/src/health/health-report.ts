import type { OrgUnit } from '../../../contracts/src/org-unit';
import type { CameraReasonCode } from '../../../contracts/src/stream-status';
import type { Db } from '../db/connection';
import { computeAvailability, rate } from './availability';
import { StatusHistory } from './status-history';

export interface UnitHealth {
  orgUnitId: string;
  name: string;
  level: OrgUnit['level'];
  parentId: string | null;
  total: number;
  online: number;
  offline: number;
  unknown: number;
  /** online / (online + offline); null when nothing is known yet. */
  onlineRate: number | null;
}

export interface UnitAvailability {
  orgUnitId: string;
  name: string;
  level: OrgUnit['level'];
  cameras: number;
  availability: number | null;
}

/** Health figures for the health page, rolled up village → township → county, limited to the caller's units. */
export class HealthReport {
  /** The status events this report reads; also one camera's history (GET /api/v1/cameras/:id/status-history). */
  readonly history: StatusHistory;

  constructor(private readonly db: Db) {
    this.history = new StatusHistory(db);
  }

  private townshipOf(units: Map<string, OrgUnit>, id: string): OrgUnit | null {
    let u = units.get(id);
    while (u && u.level === 'village') u = u.parentId ? units.get(u.parentId) : undefined;
    return u ?? null;
  }

  summary(orgUnits: OrgUnit[], visible: Set<string> | null): UnitHealth[] {
    const units = new Map(orgUnits.map((u) => [u.id, u]));
    const rows = this.db.prepare('SELECT org_unit_id AS orgUnitId, status, COUNT(*) AS n FROM cameras GROUP BY org_unit_id, status').all() as Array<{ orgUnitId: string; status: 'online' | 'offline' | 'unknown'; n: number }>;
    const acc = new Map<string, UnitHealth>();
    const bump = (u: OrgUnit, status: 'online' | 'offline' | 'unknown', n: number) => {
      const h = acc.get(u.id) ?? { orgUnitId: u.id, name: u.name, level: u.level, parentId: u.parentId, total: 0, online: 0, offline: 0, unknown: 0, onlineRate: null };
      h.total += n;
      h[status] += n;
      acc.set(u.id, h);
    };
    for (const r of rows) {
      if (visible && !visible.has(r.orgUnitId)) continue;
      // Count a camera at its own unit and every unit above it.
      for (let u = units.get(r.orgUnitId); u; u = u.parentId ? units.get(u.parentId) : undefined) bump(u, r.status, r.n);
    }
    for (const h of acc.values()) h.onlineRate = h.online + h.offline > 0 ? h.online / (h.online + h.offline) : null;
    return [...acc.values()].filter((h) => !visible || visible.has(h.orgUnitId)).sort((a, b) => a.orgUnitId.localeCompare(b.orgUnitId));
  }

  /**
   * The headline row of a summary: the caller's own unit (a township officer's township, with zeros when it has no
   * cameras yet), or for a county-wide caller the county.
   */
  scopeRow(rows: readonly UnitHealth[], orgUnits: readonly OrgUnit[], rootId: string | null): UnitHealth | null {
    const unit = rootId === null ? orgUnits.find((u) => u.level === 'county') : orgUnits.find((u) => u.id === rootId);
    if (!unit) return null;
    return rows.find((r) => r.orgUnitId === unit.id) ?? { orgUnitId: unit.id, name: unit.name, level: unit.level, parentId: unit.parentId, total: 0, online: 0, offline: 0, unknown: 0, onlineRate: null };
  }

  /** Cameras offline the longest first. */
  offlineLongest(
    visible: Set<string> | null,
    limit: number,
    now: number,
  ): Array<{ cameraId: string; name: string; orgUnitId: string; reasonCode: CameraReasonCode | null; reason: string | null; since: string | null; offlineSec: number | null }> {
    const rows = this.db
      .prepare("SELECT id, name, org_unit_id AS orgUnitId, status_reason_code AS reasonCode, status_reason AS reason, status_since AS since FROM cameras WHERE status = 'offline' ORDER BY status_since ASC")
      .all() as Array<{ id: string; name: string; orgUnitId: string; reasonCode: CameraReasonCode | null; reason: string | null; since: number | null }>;
    return rows
      .filter((r) => !visible || visible.has(r.orgUnitId))
      .slice(0, limit)
      .map((r) => ({ cameraId: r.id, name: r.name, orgUnitId: r.orgUnitId, reasonCode: r.reasonCode, reason: r.reason, since: r.since === null ? null : new Date(r.since).toISOString(), offlineSec: r.since === null ? null : Math.round((now - r.since) / 1000) }));
  }

  /** Availability ranking over [from, to): per township (villages rolled in) and per village, worst first. */
  availability(orgUnits: OrgUnit[], visible: Set<string> | null, from: number, to: number): { townships: UnitAvailability[]; villages: UnitAvailability[] } {
    const before = this.history.lastBefore(from);
    const within = this.history.within(from, to);
    const perCamera = computeAvailability(before, within, from, to);
    const cameras = this.db.prepare('SELECT id, org_unit_id AS orgUnitId FROM cameras').all() as Array<{ id: string; orgUnitId: string }>;
    const units = new Map(orgUnits.map((u) => [u.id, u]));
    const sum = new Map<string, { online: number; known: number; cameras: number }>();
    const add = (unitId: string, cameraId: string) => {
      const s = sum.get(unitId) ?? { online: 0, known: 0, cameras: 0 };
      const a = perCamera.get(cameraId);
      s.online += a?.online ?? 0;
      s.known += a?.known ?? 0;
      s.cameras++;
      sum.set(unitId, s);
    };
    for (const c of cameras) {
      if (visible && !visible.has(c.orgUnitId)) continue;
      const unit = units.get(c.orgUnitId);
      if (unit?.level === 'village') add(unit.id, c.id);
      const township = this.townshipOf(units, c.orgUnitId);
      if (township) add(township.id, c.id);
    }
    const toRow = (id: string): UnitAvailability => {
      const s = sum.get(id)!;
      const u = units.get(id)!;
      return { orgUnitId: id, name: u.name, level: u.level, cameras: s.cameras, availability: rate(s) };
    };
    const worstFirst = (a: UnitAvailability, b: UnitAvailability) => (a.availability ?? 2) - (b.availability ?? 2) || a.orgUnitId.localeCompare(b.orgUnitId);
    const ids = [...sum.keys()];
    return {
      townships: ids.filter((id) => units.get(id)?.level === 'township').map(toRow).sort(worstFirst),
      villages: ids.filter((id) => units.get(id)?.level === 'village').map(toRow).sort(worstFirst),
    };
  }
}
