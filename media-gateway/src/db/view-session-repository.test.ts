// "Last viewed" per camera by index seeks must say exactly what the definition says: the latest moment before `to`
// that a session (open ones until now) had the camera on screen. Checked against the definition on random history.
import { describe, expect, it } from 'vitest';
import { openDatabase } from './connection';
import { migrate } from './migrate';
import { ViewSessionRepository } from './view-session-repository';

describe('ViewSessionRepository.lastViewed', () => {
  it('matches the definition for closed, open and straddling sessions, and leaves never-viewed cameras out', () => {
    const db = openDatabase(':memory:');
    migrate(db);
    const views = new ViewSessionRepository(db);
    const now = 1_000_000;
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const sessions: Array<{ cameraId: string; start: number; end: number | null }> = [];
    for (let i = 0; i < 400; i++) {
      const cameraId = `c${rand(12)}`;
      const start = rand(now);
      const end = rand(10) === 0 ? null : Math.min(now, start + rand(200_000));
      sessions.push({ cameraId, start, end });
      const id = views.start({ userId: 'u', cameraId, profile: 'sub', ip: null, startedAt: start });
      if (end !== null) views.end(id, end);
    }
    const cameras = Array.from({ length: 14 }, (_, i) => `c${i}`); // c12, c13: never viewed
    for (const to of [1, 250_000, 600_000, now, now + 50_000]) {
      const expected = new Map<string, number>();
      for (const s of sessions) {
        if (s.start >= to) continue;
        const at = Math.min(s.end ?? now, to);
        expected.set(s.cameraId, Math.max(expected.get(s.cameraId) ?? -1, at));
      }
      const got = new Map(views.lastViewed(cameras, to, now).map((v) => [v.cameraId, v.at]));
      expect(got, `to=${to}`).toEqual(expected);
    }
    expect(views.lastViewed(cameras, now, now).some((v) => v.cameraId === 'c12' || v.cameraId === 'c13')).toBe(false);
    db.close();
  });
});
