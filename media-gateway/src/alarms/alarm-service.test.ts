import { afterEach, describe, expect, it } from 'vitest';
import type { AlarmTopicEvent } from '../../../contracts/src/alarm';
import type { PipelineStatus } from '../../../contracts/src/stream-status';
import { FAILURE_TEXT, type IngestFailure } from '../ingest/ffmpeg-errors';
import { HttpError } from '../platform/errors';
import type { HubEvent } from '../realtime/event-hub';
import { alarmFixture, type AlarmFixture } from './testing/alarm-fixture';

const hubEvents = (f: AlarmFixture) => f.hub.since(0) as HubEvent[];
const alarmEvents = (f: AlarmFixture): AlarmTopicEvent[] => hubEvents(f).flatMap((e) => (e.topic === 'alarms' ? [e.data] : []));
const down = (code: IngestFailure) => ({ code, text: FAILURE_TEXT[code] });
const statusOf = (e: unknown) => (e instanceof HttpError ? e.statusCode : e);
const pipeline = (cameraId: string, state: PipelineStatus['state'], reasonCode: PipelineStatus['reasonCode'], reason: string | null) => ({ cameraId, profile: 'sub', state, reasonCode, reason }) as PipelineStatus;

describe('camera health alarms (transition-based)', () => {
  let f: AlarmFixture;
  afterEach(() => f.close());

  it('raises one offline alarm for an outage, whatever the retries, and resolves it with the recovery', () => {
    f = alarmFixture();
    const cam = f.cameraIds[0]!;
    f.status.record(cam, 'offline', down('connection-refused'));
    f.status.record(cam, 'offline', down('connection-refused')); // the next sweep: no change, nothing recorded
    f.status.record(cam, 'offline', down('timeout')); // a different reason: the same alarm, detail updated
    const { items } = f.service.list(f.admin, { limit: 10, offset: 0 });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ type: 'camera-offline', severity: 'major', source: 'camera-health', state: 'new', count: 1, detail: 'connection timed out', detailCode: 'timeout', cameraId: cam, hasSnapshot: false });
    f.status.record(cam, 'online', null);
    const detail = f.service.get(f.admin, items[0]!.id, null);
    expect(detail).toMatchObject({ state: 'resolved', resolvedBy: 'system', resolutionNote: 'camera-online: camera is back online' });
    expect(detail.history.map((h) => [h.action, h.actor, h.toState])).toEqual([
      ['raised', 'system', 'new'],
      ['reason-changed', 'system', 'new'],
      ['camera-online', 'system', 'resolved'],
    ]);
    // The console words codes, not the gateway's English (the reason history and the detail after recovery too).
    expect(detail.history.map((h) => h.noteCode)).toEqual([null, 'timeout', null]);
    expect(detail.detailCode).toBe('timeout');
    // Down again later: a new alarm (the last one is closed).
    f.status.record(cam, 'offline', down('connection-refused'));
    expect(f.service.list(f.admin, { limit: 10, offset: 0 }).total).toBe(2);
    expect(alarmEvents(f).map((e) => e.kind)).toEqual(['created', 'updated', 'updated', 'created']);
  });

  it('types the alarm by reason: auth failed, stalled', () => {
    f = alarmFixture();
    f.status.record(f.cameraIds[0]!, 'offline', down('auth-failed'));
    f.status.record(f.cameraIds[1]!, 'offline', down('stalled'));
    const types = f.service.list(f.admin, { limit: 10, offset: 0 }).items.map((a) => [a.cameraId, a.type]);
    expect(types).toEqual(expect.arrayContaining([[f.cameraIds[0], 'auth-failed'], [f.cameraIds[1], 'stream-stalled']]));
  });

  it('raises stream-stalled once from a stalling pipeline, and resolves it when the stream is live again', () => {
    f = alarmFixture();
    const cam = f.cameraIds[2]!;
    f.module.onPipeline(pipeline(cam, 'reconnecting', 'stalled', 'stalled: no video received'));
    f.module.onPipeline(pipeline(cam, 'reconnecting', 'stalled', 'stalled: no video received'));
    f.module.onPipeline(pipeline(cam, 'offline', 'timeout', 'connection timed out')); // not a stall: ignored here
    f.status.record(cam, 'offline', down('timeout')); // the camera then counts as offline: same alarm
    const { items } = f.service.list(f.admin, { limit: 10, offset: 0 });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ type: 'stream-stalled', state: 'new', detail: 'connection timed out' });
    f.module.onPipeline(pipeline(cam, 'live', null, null));
    expect(f.service.get(f.admin, items[0]!.id, null).state).toBe('resolved');
  });
});

describe('handling alarms', () => {
  let f: AlarmFixture;
  afterEach(() => f.close());
  const raise = (cameraId: string, eventId = cameraId) => f.service.raiseExternal(f.client, { eventId, type: 'intrusion', severity: 'major', title: 'someone', cameraId }).body.alarmId;

  it('acknowledges, assigns and resolves with who and when; refuses illegal steps with 409', () => {
    f = alarmFixture();
    const id = raise(f.cameraIds[0]!);
    const op = f.user('county-operator', null);
    const officer = f.user('township-officer', f.township);
    expect(statusOf(catchErr(() => f.service.resolve(op, id, undefined, null)))).toBe(409);
    expect(f.service.acknowledge(op, id, 'seen', null)).toMatchObject({ state: 'acknowledged', acknowledgedBy: op.displayName });
    expect(catchErr(() => f.service.acknowledge(op, id, undefined, null))).toMatchObject({ statusCode: 409, message: 'the alarm is already acknowledged' });
    expect(f.service.assign(op, id, officer.id, undefined, null)).toMatchObject({ assignedTo: officer.id, assignedToName: officer.displayName, state: 'acknowledged' });
    expect(f.service.resolve(officer, id, 'checked on site', null)).toMatchObject({ state: 'resolved', resolvedBy: officer.displayName, resolutionNote: 'checked on site' });
    expect(catchErr(() => f.service.dismiss(op, id, 'late', null))).toMatchObject({ statusCode: 409, message: 'cannot dismiss an alarm that is resolved' });
    const history = f.service.get(op, id, null).history;
    expect(history.map((h) => [h.action, h.userId, h.fromState, h.toState])).toEqual([
      ['raised', null, null, 'new'],
      ['acknowledged', op.id, 'new', 'acknowledged'],
      ['assigned', op.id, 'acknowledged', 'acknowledged'],
      ['resolved', officer.id, 'acknowledged', 'resolved'],
    ]);
    const audit = f.db.prepare(`SELECT action FROM audit_log WHERE target_id = ? ORDER BY id`).all(id) as Array<{ action: string }>;
    expect(audit.map((a) => a.action)).toEqual(['alarm.acknowledge', 'alarm.assign', 'alarm.resolve']);
  });

  it('dismisses with a reason, refuses an assignee who cannot see the alarm', () => {
    f = alarmFixture();
    const id = raise(f.cameraIds[0]!);
    const other = f.user('township-officer', f.otherTownship);
    const viewer = f.user('viewer', null);
    expect(statusOf(catchErr(() => f.service.assign(f.admin, id, other.id, undefined, null)))).toBe(400);
    expect(statusOf(catchErr(() => f.service.assign(f.admin, id, viewer.id, undefined, null)))).toBe(400);
    expect(f.service.dismiss(f.admin, id, 'test by the vendor', null)).toMatchObject({ state: 'dismissed', dismissedReason: 'test by the vendor' });
  });

  it('keeps township officers to their township: list, read, act, push', () => {
    f = alarmFixture();
    const mine = raise(f.cameraIds[0]!);
    const theirs = raise(f.otherCameraId);
    const officer = f.user('township-officer', f.township);
    expect(f.service.list(officer, { limit: 10, offset: 0 }).items.map((a) => a.id)).toEqual([mine]);
    expect(f.service.list(officer, { limit: 10, offset: 0, orgUnit: f.otherTownship }).items).toEqual([]);
    expect(statusOf(catchErr(() => f.service.get(officer, theirs, null)))).toBe(403);
    expect(statusOf(catchErr(() => f.service.acknowledge(officer, theirs, undefined, null)))).toBe(403);
    expect(statusOf(catchErr(() => f.service.get(officer, 'nope', null)))).toBe(404);
    const events = hubEvents(f).filter((e) => e.topic === 'alarms');
    expect(events.map((e) => e.orgUnitId)).toEqual(['141130100200', f.otherTownship]);
  });

  it('filters by state, type, camera and time', () => {
    f = alarmFixture();
    const a = raise(f.cameraIds[0]!);
    f.advance(60_000);
    const b = raise(f.cameraIds[1]!);
    f.service.acknowledge(f.admin, a, undefined, null);
    const ids = (q: Record<string, unknown>) => f.service.list(f.admin, { limit: 10, offset: 0, ...q }).items.map((x) => x.id);
    expect(ids({})).toEqual([b, a]);
    expect(ids({ state: ['new'] })).toEqual([b]);
    expect(ids({ state: ['new', 'acknowledged'] })).toEqual([b, a]);
    expect(ids({ type: ['smoke'] })).toEqual([]);
    expect(ids({ cameraId: f.cameraIds[0] })).toEqual([a]);
    expect(ids({ from: new Date(Date.parse('2025-06-01T08:00:30Z')).toISOString() })).toEqual([b]);
    expect(ids({ to: '2025-06-01T08:00:30Z' })).toEqual([a]);
    expect(f.service.list(f.admin, { limit: 1, offset: 1 })).toMatchObject({ total: 2, items: [{ id: a }] });
  });

  it('marks an alarm converted by an incident, and records a closed one without changing it', async () => {
    f = alarmFixture();
    const open = raise(f.cameraIds[0]!);
    const closed = raise(f.cameraIds[1]!);
    f.service.dismiss(f.admin, closed, 'false alarm', null);
    f.module.incidentLink.markConverted(open, 'inc-1', { userId: f.admin.id, username: f.admin.username, displayName: f.admin.displayName }, 0);
    expect(f.service.get(f.admin, open, null)).toMatchObject({ state: 'converted', incidentId: 'inc-1' });
    expect(statusOf(catchErr(() => f.service.markConverted(open, 'inc-2', f.admin)))).toBe(409);
    expect(f.service.markConverted(closed, 'inc-3', f.admin)).toMatchObject({ state: 'dismissed', incidentId: 'inc-3' });
    expect(f.module.incidentLink.get(open)).toMatchObject({ id: open, cameraIds: [f.cameraIds[0]], orgUnitId: '141130100200', state: 'converted', snapshot: null });
    // Inside a caller's transaction that rolls back: nothing changes and nothing is announced.
    const third = raise(f.cameraIds[2]!);
    const before = alarmEvents(f).length;
    expect(() =>
      f.db.transaction(() => {
        f.service.markConverted(third, 'inc-4', f.admin);
        throw new Error('incident insert failed');
      })(),
    ).toThrow('incident insert failed');
    expect(f.service.get(f.admin, third, null).state).toBe('new');
    await new Promise((resolve) => setImmediate(resolve));
    expect(alarmEvents(f).length).toBe(before);
  });
});

describe('rules, pushes and snapshots', () => {
  let f: AlarmFixture;
  afterEach(() => f.close());

  it('carries the matched rule actions and pushes the layout to the named wall', () => {
    f = alarmFixture();
    f.db.prepare(`INSERT INTO layouts (id, name, owner_id, visibility, cols, rows, cells, created_at, updated_at) VALUES ('L1', 'alarm', 'admin', 'everyone', 1, 1, '[]', 0, 0)`).run();
    f.db
      .prepare(`INSERT INTO alarm_rules (id, name, enabled, alarm_type, org_unit_id, min_severity, layout_id, wall_id, interrupt_tour, sound, created_at, updated_at) VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, 0, 0)`)
      .run('r1', 'intrusion in 水头', 'intrusion', f.township, 'major', 'L1', 'hall', 1, 'by-severity');
    const id = f.service.raiseExternal(f.client, { eventId: 'x', type: 'intrusion', severity: 'critical', title: 't', cameraId: f.cameraIds[0]! }).body.alarmId;
    expect(f.service.get(f.admin, id, null).actions).toEqual([{ ruleId: 'r1', ruleName: 'intrusion in 水头', layoutId: 'L1', wallId: 'hall', interruptTour: true, sound: 'siren' }]);
    const wall = hubEvents(f).filter((e) => e.topic === 'wall:hall');
    expect(wall.map((e) => e.data)).toEqual([{ type: 'show-layout', layoutId: 'L1', layout: expect.objectContaining({ id: 'L1' }), by: 'alarm', alarmId: id, interruptTour: true }]);
    // Below the rule's severity, or elsewhere: no actions.
    const minor = f.service.raiseExternal(f.client, { eventId: 'y', type: 'intrusion', severity: 'minor', title: 't', cameraId: f.cameraIds[1]! }).body.alarmId;
    expect(f.service.get(f.admin, minor, null).actions).toEqual([]);
  });

  it('pushes a storm of repeats at most once per throttle period, with the latest count', () => {
    f = alarmFixture({ pushThrottleMs: 500 });
    for (let i = 0; i < 50; i++) f.service.raiseExternal(f.client, { eventId: `s${i}`, type: 'intrusion', severity: 'minor', title: 't', cameraId: f.cameraIds[0]! });
    expect(alarmEvents(f).map((e) => e.kind)).toEqual(['created']);
    f.advance(500);
    expect(alarmEvents(f).map((e) => [e.kind, e.alarm.count])).toEqual([
      ['created', 1],
      ['updated', 50],
    ]);
  });

  it('takes a snapshot in the background for an online camera, not for a health alarm', async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    const asked: string[] = [];
    f = alarmFixture({}, async (cameraId) => {
      asked.push(cameraId);
      return jpeg;
    });
    const id = f.service.raiseExternal(f.client, { eventId: 'snap', type: 'intrusion', severity: 'minor', title: 't', cameraId: f.cameraIds[0]! }).body.alarmId;
    expect(f.service.get(f.admin, id, null).hasSnapshot).toBe(false); // the answer did not wait
    await f.module.snapshotsIdle();
    expect(f.service.snapshot(f.admin, id, null)).toEqual(jpeg);
    expect(alarmEvents(f).at(-1)).toMatchObject({ kind: 'updated', alarm: { id, hasSnapshot: true } });
    f.status.record(f.cameraIds[1]!, 'offline', down('connection-refused'));
    await f.module.snapshotsIdle();
    expect(asked).toEqual([f.cameraIds[0]]);
    expect(f.module.incidentLink.get(id)?.snapshot).toEqual({ contentType: 'image/jpeg', data: jpeg });
  });
});

function catchErr(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}
