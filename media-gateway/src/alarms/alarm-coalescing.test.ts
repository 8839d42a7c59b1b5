import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { coalesceInto } from './alarm-coalescing';
import { alarmFixture, type AlarmFixture } from './testing/alarm-fixture';

const WINDOW = 300_000;

describe('coalesceInto (the rule)', () => {
  const open = (state: 'new' | 'acknowledged' | 'resolved' | 'dismissed' | 'converted', lastAt: number) => ({ id: 'a1', state, lastAt });

  it('folds a repeat into the open alarm last seen within the window', () => {
    expect(coalesceInto('cam', open('new', 1000), 1000 + WINDOW, WINDOW)).toBe('a1');
    expect(coalesceInto('cam', open('acknowledged', 1000), 2000, WINDOW)).toBe('a1');
  });

  it('raises a new alarm past the window, after the alarm closed, without a camera, or with coalescing off', () => {
    expect(coalesceInto('cam', open('new', 1000), 1001 + WINDOW, WINDOW)).toBeNull();
    for (const closed of ['resolved', 'dismissed', 'converted'] as const) expect(coalesceInto('cam', open(closed, 1000), 1001, WINDOW)).toBeNull();
    expect(coalesceInto(null, open('new', 1000), 1001, WINDOW)).toBeNull();
    expect(coalesceInto('cam', null, 1001, WINDOW)).toBeNull();
    expect(coalesceInto('cam', open('new', 1000), 1001, 0)).toBeNull();
  });
});

describe('coalescing through the service (real SQLite in memory)', () => {
  let f: AlarmFixture;
  beforeEach(() => {
    f = alarmFixture({ coalesceWindowSec: 300 });
  });
  afterEach(() => f.close());

  const post = (eventId: string, cameraId: string | undefined, extra: Record<string, unknown> = {}) =>
    f.service.raiseExternal(f.client, { eventId, type: 'intrusion', severity: 'minor', title: 't', ...(cameraId ? { cameraId } : { orgUnitId: f.township }), ...extra });

  it('turns 200 events over 3 cameras into 3 alarms whose counts sum to 200', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 200; i++) ids.add(post(`e${i}`, f.cameraIds[i % 3]).body.alarmId);
    expect(ids.size).toBe(3);
    const rows = f.db.prepare('SELECT camera_id, count FROM alarms ORDER BY camera_id').all() as Array<{ camera_id: string; count: number }>;
    expect(rows.map((r) => r.count).reduce((a, b) => a + b, 0)).toBe(200);
    expect(rows.map((r) => r.count).sort()).toEqual([66, 67, 67]);
    expect((f.db.prepare('SELECT COUNT(*) AS n FROM alarm_external_events').get() as { n: number }).n).toBe(200);
  });

  it('keeps the first answer for a repeated eventId: 200, same alarm, count unchanged', () => {
    const first = post('dup', f.cameraIds[0]);
    const again = post('dup', f.cameraIds[0]);
    expect(first.status).toBe(201);
    expect(again).toEqual({ status: 200, body: { ...first.body, duplicate: true } });
    expect(f.service.list(f.admin, { limit: 10, offset: 0 }).items[0]!.count).toBe(1);
  });

  it('slides the window on the last repeat, and opens a new alarm after the window or once closed', () => {
    const a = post('w1', f.cameraIds[0]).body.alarmId;
    f.advance(200_000);
    expect(post('w2', f.cameraIds[0]).body).toMatchObject({ alarmId: a, coalesced: true, count: 2 });
    f.advance(200_000); // 400 s after the first, 200 s after the last
    expect(post('w3', f.cameraIds[0]).body).toMatchObject({ alarmId: a, count: 3 });
    f.advance(301_000);
    const b = post('w4', f.cameraIds[0]).body;
    expect(b).toMatchObject({ coalesced: false, count: 1 });
    expect(b.alarmId).not.toBe(a);
    f.service.dismiss(f.admin, b.alarmId, 'test', null);
    expect(post('w5', f.cameraIds[0]).body.alarmId).not.toBe(b.alarmId);
  });

  it('coalesces while acknowledged, raises the severity of a more severe repeat, never merges place-only alarms', () => {
    const a = post('s1', f.cameraIds[1]).body.alarmId;
    f.service.acknowledge(f.admin, a, undefined, null);
    expect(post('s2', f.cameraIds[1], { severity: 'critical' }).body).toMatchObject({ alarmId: a, count: 2, state: 'acknowledged' });
    expect(post('s3', f.cameraIds[1], { severity: 'info' }).body.count).toBe(3);
    expect(f.service.get(f.admin, a, null).severity).toBe('critical');
    const p1 = post('p1', undefined).body.alarmId;
    const p2 = post('p2', undefined).body.alarmId;
    expect(p1).not.toBe(p2);
  });

  it('does not coalesce different types of one camera', () => {
    const a = post('t1', f.cameraIds[2]).body.alarmId;
    expect(post('t2', f.cameraIds[2], { type: 'smoke' }).body.alarmId).not.toBe(a);
  });
});
