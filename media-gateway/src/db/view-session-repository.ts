import type { Db } from './connection';

export interface ViewStart {
  userId: string;
  cameraId: string;
  profile: string;
  ip: string | null;
  startedAt: number;
}

export interface CameraViewTotal {
  cameraId: string;
  seconds: number;
  sessions: number;
}

export class ViewSessionRepository {
  constructor(private readonly db: Db) {}

  start(v: ViewStart): number {
    return Number(this.db.prepare('INSERT INTO view_sessions (user_id, camera_id, profile, ip, started_at) VALUES (@userId, @cameraId, @profile, @ip, @startedAt)').run(v).lastInsertRowid);
  }

  end(id: number, endedAt: number): void {
    this.db.prepare('UPDATE view_sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL').run(endedAt, id);
  }

  /** Sessions left open by a crash are closed at their start (zero length) rather than counted as still running. */
  closeDangling(): number {
    return this.db.prepare('UPDATE view_sessions SET ended_at = started_at WHERE ended_at IS NULL').run().changes;
  }

  /** Seconds watched per camera within [from, to), clipping sessions to the period. */
  totals(from: number, to: number, now: number): CameraViewTotal[] {
    return this.db
      .prepare(
        `SELECT camera_id AS cameraId,
                SUM(MAX(0, MIN(IFNULL(ended_at, @now), @to) - MAX(started_at, @from))) / 1000.0 AS seconds,
                COUNT(*) AS sessions
         FROM view_sessions WHERE started_at < @to AND IFNULL(ended_at, @now) > @from
         GROUP BY camera_id`,
      )
      .all({ from, to, now }) as CameraViewTotal[];
  }

  /**
   * The last moment each camera was on someone's screen before `to` (a session still open counts until `now`), over all
   * history, not only the report's period: "unviewed this week, last watched in March" is what an operator asks.
   */
  lastViewed(to: number, now: number): Array<{ cameraId: string; at: number }> {
    return this.db
      .prepare('SELECT camera_id AS cameraId, MAX(MIN(IFNULL(ended_at, @now), @to)) AS at FROM view_sessions WHERE started_at < @to GROUP BY camera_id')
      .all({ to, now }) as Array<{ cameraId: string; at: number }>;
  }
}
