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
   * Per camera three index seeks (migration 017), so the cost follows the cameras, not the length of the history:
   * the latest end before `to`; a session still open that began before `to`; one that straddles `to`.
   */
  lastViewed(cameraIds: readonly string[], to: number, now: number): Array<{ cameraId: string; at: number }> {
    const stmt = this.db.prepare(
      `SELECT MAX(
          IFNULL((SELECT MAX(ended_at) FROM view_sessions WHERE camera_id = @id AND ended_at < @to), -1),
          CASE WHEN EXISTS (SELECT 1 FROM view_sessions INDEXED BY view_sessions_camera_end WHERE camera_id = @id AND ended_at IS NULL AND started_at < @to) THEN MIN(@now, @to) ELSE -1 END,
          CASE WHEN EXISTS (SELECT 1 FROM view_sessions WHERE camera_id = @id AND ended_at >= @to AND started_at < @to) THEN @to ELSE -1 END
        ) AS at`,
    );
    const out: Array<{ cameraId: string; at: number }> = [];
    for (const id of cameraIds) {
      const { at } = stmt.get({ id, to, now }) as { at: number };
      if (at >= 0) out.push({ cameraId: id, at });
    }
    return out;
  }
}
