import type { Db } from '../db/connection';
import { NO_PLAN, recordingPlanSchema, type RecordingPlan } from './recording-plan';
import type { IndexedSegment, RecordingIndex } from './recording-file';

export type RecordingProfile = 'main' | 'sub';
/** Where a camera's plan comes from. */
export type PlanSource = 'camera' | 'org-unit' | 'category' | 'none';
export type DefaultKind = 'org-unit' | 'category';

/** Stored by this code after validation; a row an older version wrote that no longer parses counts as none. */
function parsePlan(text: string): RecordingPlan {
  const parsed = recordingPlanSchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : NO_PLAN;
}

export interface RecordingFileRow {
  id: number;
  cameraId: string;
  profile: RecordingProfile;
  /** Relative to recording.root. */
  path: string;
  startMs: number;
  endMs: number;
  bytes: number;
  initBytes: number;
  codecs: string | null;
  segments: IndexedSegment[];
  open: boolean;
}

export interface RecordingClip {
  id: number;
  cameraId: string;
  profile: RecordingProfile;
  startMs: number;
  endMs: number;
  alarmId: string | null;
  keptUntil: number | null;
}

interface FileRow {
  id: number;
  camera_id: string;
  profile: RecordingProfile;
  path: string;
  start_ms: number;
  end_ms: number;
  bytes: number;
  init_bytes: number;
  codecs: string | null;
  segments: string;
  open: number;
}

const toFile = (r: FileRow): RecordingFileRow => ({
  id: r.id,
  cameraId: r.camera_id,
  profile: r.profile,
  path: r.path,
  startMs: r.start_ms,
  endMs: r.end_ms,
  bytes: r.bytes,
  initBytes: r.init_bytes,
  codecs: r.codecs,
  segments: JSON.parse(r.segments) as IndexedSegment[],
  open: r.open === 1,
});

export class RecordingRepository {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /** The camera's own plan (none when it has none). */
  ownPlan(cameraId: string): RecordingPlan {
    const row = this.db.prepare('SELECT plan FROM recording_plans WHERE camera_id = ?').get(cameraId) as { plan: string } | undefined;
    return row ? parsePlan(row.plan) : NO_PLAN;
  }

  /** The plan that applies to a camera: its own, else its nearest org unit's default, else its category's. */
  plan(cameraId: string): RecordingPlan {
    return this.effective(cameraId).plan;
  }

  /** The plan that applies and where it comes from. */
  effective(cameraId: string): { plan: RecordingPlan; source: PlanSource } {
    const own = this.db.prepare('SELECT plan FROM recording_plans WHERE camera_id = ?').get(cameraId) as { plan: string } | undefined;
    if (own) return { plan: parsePlan(own.plan), source: 'camera' };
    const row = this.db
      .prepare(
        `WITH RECURSIVE up(id, parent_id, depth) AS (SELECT o.id, o.parent_id, 0 FROM cameras c JOIN org_units o ON o.id = c.org_unit_id WHERE c.id = ?
           UNION ALL SELECT o.id, o.parent_id, up.depth + 1 FROM org_units o JOIN up ON o.id = up.parent_id WHERE up.depth < 32)
         SELECT plan, source FROM (
           SELECT d.plan AS plan, 'org-unit' AS source, up.depth AS rank FROM up JOIN recording_plan_defaults d ON d.kind = 'org-unit' AND d.target = up.id
           UNION ALL SELECT d.plan, 'category', 1000 FROM cameras c JOIN recording_plan_defaults d ON d.kind = 'category' AND d.target = CAST(c.category AS TEXT) WHERE c.id = ?
         ) ORDER BY rank LIMIT 1`,
      )
      .get(cameraId, cameraId) as { plan: string; source: PlanSource } | undefined;
    return row ? { plan: parsePlan(row.plan), source: row.source } : { plan: NO_PLAN, source: 'none' };
  }

  /** Every camera whose plan (own or default) is other than none. */
  plans(): Array<{ cameraId: string; plan: RecordingPlan }> {
    const hasDefaults = this.db.prepare('SELECT 1 FROM recording_plan_defaults LIMIT 1').get() !== undefined;
    const ids = hasDefaults
      ? (this.db.prepare('SELECT id FROM cameras').all() as Array<{ id: string }>).map((r) => r.id)
      : (this.db.prepare('SELECT camera_id AS id FROM recording_plans').all() as Array<{ id: string }>).map((r) => r.id);
    return ids.flatMap((cameraId) => {
      const plan = this.plan(cameraId);
      return plan.mode === 'none' ? [] : [{ cameraId, plan }];
    });
  }

  defaults(): Array<{ kind: DefaultKind; target: string; plan: RecordingPlan }> {
    return (this.db.prepare('SELECT kind, target, plan FROM recording_plan_defaults ORDER BY kind, target').all() as Array<{ kind: DefaultKind; target: string; plan: string }>).map((r) => ({ ...r, plan: parsePlan(r.plan) }));
  }

  /** `none` removes the default (a wider default may then apply). */
  setDefault(kind: DefaultKind, target: string, plan: RecordingPlan, userId: string | null): void {
    if (plan.mode === 'none') {
      this.db.prepare('DELETE FROM recording_plan_defaults WHERE kind = ? AND target = ?').run(kind, target);
      return;
    }
    this.db
      .prepare(
        `INSERT INTO recording_plan_defaults (kind, target, plan, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(kind, target) DO UPDATE SET plan = excluded.plan, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      )
      .run(kind, target, JSON.stringify(plan), this.now(), userId);
  }

  setPlan(cameraId: string, plan: RecordingPlan, userId: string | null): void {
    if (plan.mode === 'none') {
      this.db.prepare('DELETE FROM recording_plans WHERE camera_id = ?').run(cameraId);
      return;
    }
    this.db
      .prepare(
        `INSERT INTO recording_plans (camera_id, plan, updated_at, updated_by) VALUES (?, ?, ?, ?)
         ON CONFLICT(camera_id) DO UPDATE SET plan = excluded.plan, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      )
      .run(cameraId, JSON.stringify(plan), this.now(), userId);
  }

  openFile(f: { cameraId: string; profile: RecordingProfile; path: string; startMs: number; initBytes: number; codecs: string | null }): number {
    const r = this.db
      .prepare(`INSERT INTO recording_files (camera_id, profile, path, start_ms, end_ms, bytes, init_bytes, codecs, open) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)`)
      .run(f.cameraId, f.profile, f.path, f.startMs, f.startMs, f.initBytes, f.initBytes, f.codecs);
    return Number(r.lastInsertRowid);
  }

  /** The file's index as written so far; `closed` marks it complete. */
  updateFile(id: number, startMs: number, index: RecordingIndex, closed: boolean): void {
    this.db
      .prepare(`UPDATE recording_files SET end_ms = ?, bytes = ?, segments = ?, open = ? WHERE id = ?`)
      .run(Math.round(startMs + index.durationMs), index.bytes, JSON.stringify(index.segments.map(([o, s, d]) => [o, Math.round(s), Math.round(d)])), closed ? 0 : 1, id);
  }

  openFiles(): RecordingFileRow[] {
    return (this.db.prepare('SELECT * FROM recording_files WHERE open = 1').all() as FileRow[]).map(toFile);
  }

  /** Files of a camera/profile overlapping [fromMs, toMs), oldest first. */
  files(cameraId: string, profile: RecordingProfile, fromMs: number, toMs: number): RecordingFileRow[] {
    return (
      this.db
        .prepare('SELECT * FROM recording_files WHERE camera_id = ? AND profile = ? AND start_ms < ? AND end_ms > ? ORDER BY start_ms, id')
        .all(cameraId, profile, toMs, fromMs) as FileRow[]
    ).map(toFile);
  }

  file(id: number): RecordingFileRow | null {
    const row = this.db.prepare('SELECT * FROM recording_files WHERE id = ?').get(id) as FileRow | undefined;
    return row ? toFile(row) : null;
  }

  /** Bytes all recordings take, and the cameras that have any. */
  usage(): { totalBytes: number; cameraIds: string[] } {
    const total = this.db.prepare('SELECT COALESCE(SUM(bytes), 0) AS n FROM recording_files').get() as { n: number };
    const cams = this.db.prepare('SELECT DISTINCT camera_id AS id FROM recording_files').all() as Array<{ id: string }>;
    return { totalBytes: total.n, cameraIds: cams.map((c) => c.id) };
  }

  /** A camera's closed files that ended before `beforeMs` (retention candidates), oldest first. */
  endedBefore(cameraId: string, beforeMs: number, limit: number): RecordingFileRow[] {
    return (this.db.prepare('SELECT * FROM recording_files WHERE camera_id = ? AND open = 0 AND end_ms < ? ORDER BY end_ms LIMIT ?').all(cameraId, beforeMs, limit) as FileRow[]).map(toFile);
  }

  /** The oldest closed files of all cameras (candidates when space runs short). */
  oldest(limit: number): RecordingFileRow[] {
    return (this.db.prepare('SELECT * FROM recording_files WHERE open = 0 ORDER BY end_ms LIMIT ?').all(limit) as FileRow[]).map(toFile);
  }

  addClip(c: { cameraId: string; profile: RecordingProfile; startMs: number; endMs: number; alarmId: string | null; keptUntil: number | null; createdAt: number }): number {
    const r = this.db
      .prepare('INSERT INTO recording_clips (camera_id, profile, start_ms, end_ms, alarm_id, kept_until, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(c.cameraId, c.profile, c.startMs, c.endMs, c.alarmId, c.keptUntil, c.createdAt);
    return Number(r.lastInsertRowid);
  }

  clipOfAlarm(alarmId: string): RecordingClip | null {
    const row = this.db.prepare('SELECT id, camera_id AS cameraId, profile, start_ms AS startMs, end_ms AS endMs, alarm_id AS alarmId, kept_until AS keptUntil FROM recording_clips WHERE alarm_id = ? ORDER BY id LIMIT 1').get(alarmId) as RecordingClip | undefined;
    return row ?? null;
  }

  /**
   * Whether a clip still kept needs any of [startMs, endMs) of this camera (retention leaves such a file alone): its
   * own days (an alarm clip's 90), or its incident's — open, or closed less than `incidentDays` ago.
   */
  isProtected(cameraId: string, startMs: number, endMs: number, now: number, incidentDays = 0): boolean {
    return (
      this.db
        .prepare(
          `SELECT 1 FROM recording_clips c LEFT JOIN incidents i ON i.id = c.incident_id
           WHERE c.camera_id = ? AND c.start_ms < ? AND c.end_ms > ?
             AND ((c.kept_until IS NULL OR c.kept_until > ?) OR (c.incident_id IS NOT NULL AND (i.closed_at IS NULL OR i.closed_at > ?)))
           LIMIT 1`,
        )
        .get(cameraId, endMs, startMs, now, now - incidentDays * 86_400_000) !== undefined
    );
  }

  /** The alarm became an incident: its clips are the incident's too (kept while it is open). */
  clipsToIncident(alarmId: string, incidentId: string): void {
    this.db.prepare('UPDATE recording_clips SET incident_id = ? WHERE alarm_id = ?').run(incidentId, alarmId);
  }

  deleteFile(id: number): void {
    this.db.prepare('DELETE FROM recording_files WHERE id = ?').run(id);
  }
}
