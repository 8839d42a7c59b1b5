import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { CameraAuthBlockRepository } from '../db/camera-auth-block-repository';
import { openDatabase } from '../db/connection';
import { migrate } from '../db/migrate';
import { CameraAuthBlock } from './camera-auth-block';

function setup() {
  const db = openDatabase(':memory:');
  migrate(db);
  db.exec(`INSERT INTO org_units (id, name, level, created_at, updated_at) VALUES ('141130', '县', 'county', 0, 0)`);
  for (const id of ['cam1', 'cam2'])
    db.prepare(`INSERT INTO cameras (id, name, org_unit_id, category, source_type, host, rtsp_port, created_at, updated_at) VALUES (?, ?, '141130', 1, 'rtsp', '10.0.0.1', 554, 0, 0)`).run(id, id);
  let t = 1_000_000;
  const clock = { now: () => t, advance: (ms: number) => (t += ms) };
  // A gateway run: a new block over the same database, as after a restart.
  const run = () => new CameraAuthBlock(clock.now, pino({ level: 'silent' }), new CameraAuthBlockRepository(db));
  return { db, clock, run };
}

describe('CameraAuthBlock persisted', () => {
  it('a camera blocked before a restart stays blocked after it, until cleared', () => {
    const { run } = setup();
    const first = run();
    first.block('cam1');
    const second = run();
    expect(second.isBlocked('cam1')).toBe(true);
    expect(second.isBlocked('cam2')).toBe(false);
    expect(second.clear('cam1')).toBe(true);
    expect(run().isBlocked('cam1')).toBe(false);
  });

  it('the rare re-probe interval survives a restart too (no extra attempt right after one)', () => {
    const { run, clock } = setup();
    run().block('cam1');
    clock.advance(3_600_000);
    expect(run().mayTryAgain('cam1', 3_600_000)).toBe(true);
    clock.advance(1000);
    expect(run().mayTryAgain('cam1', 3_600_000)).toBe(false);
  });

  it('a deleted camera leaves no block behind', () => {
    const { db, run } = setup();
    run().block('cam2');
    db.prepare('DELETE FROM cameras WHERE id = ?').run('cam2');
    expect(run().isBlocked('cam2')).toBe(false);
    run().block('gone'); // blocked in memory only: there is no such camera to keep a row for
    expect(db.prepare('SELECT count(*) AS n FROM camera_auth_blocks').get()).toEqual({ n: 0 });
  });
});
