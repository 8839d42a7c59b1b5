import { describe, expect, it } from 'vitest';
import type { CameraDto } from '../../../contracts/src/camera';
import { EMPTY_SNAPSHOT, withInventory } from './gateway-store';
import { streamKey } from './gateway-types';
import {
  applyTopicEvent,
  INITIAL_SYNC,
  onEvent,
  onHello,
  onReloadEnd,
  onReloadStart,
  onResync,
  parseServerMessage,
  readSnapshotEvent,
  readPipelineStatus,
  reconnectDelayMs,
  webSocketUrl,
  type SyncState,
  type TopicEvent,
} from './realtime-sync';

const ev = (seq: number, topic = 'streams', data: unknown = {}): TopicEvent => ({ seq, topic, at: '2030-01-01T00:00:00.000Z', data });
const camera = (id: string, status: CameraDto['status'] = 'online') => ({ id, name: id, orgUnitId: '141130', status, statusReason: null, statusSince: null, updatedAt: 't' }) as CameraDto;
const loaded = () => withInventory(EMPTY_SNAPSHOT, [], [camera('c1'), camera('c2')]);

describe('parseServerMessage', () => {
  it('reads the four server frames', () => {
    expect(parseServerMessage('{"type":"hello","seq":4}')).toEqual({ type: 'hello', seq: 4 });
    expect(parseServerMessage('{"type":"resync","seq":9}')).toEqual({ type: 'resync', seq: 9 });
    expect(parseServerMessage('{"type":"event","seq":5,"topic":"streams","at":"x","data":{"a":1}}')).toEqual({ type: 'event', seq: 5, topic: 'streams', at: 'x', data: { a: 1 } });
    expect(parseServerMessage('{"type":"error","message":"nope"}')).toEqual({ type: 'error', message: 'nope' });
  });
  it('ignores garbage', () => {
    expect(parseServerMessage('not json')).toBeNull();
    expect(parseServerMessage('{"type":"event","seq":-1,"topic":"x"}')).toBeNull();
    expect(parseServerMessage('{"type":"hello"}')).toBeNull();
    expect(parseServerMessage('[1]')).toBeNull();
    expect(parseServerMessage(new ArrayBuffer(2))).toBeNull();
  });
});

describe('sequence bookkeeping', () => {
  it('first hello: subscribe from the greeting and reload', () => {
    const r = onHello(INITIAL_SYNC, 120);
    expect(r).toMatchObject({ since: 120, reload: true });
    expect(r.state.lastSeq).toBe(120);
  });

  it('reconnect: ask for what was missed, no reload', () => {
    const r = onHello({ ...INITIAL_SYNC, lastSeq: 130 }, 180);
    expect(r).toMatchObject({ since: 130, reload: false });
  });

  it('a gateway restart (hello below our sequence) reloads and starts over', () => {
    const r = onHello({ ...INITIAL_SYNC, lastSeq: 130 }, 3);
    expect(r).toMatchObject({ since: 3, reload: true });
    expect(r.state.lastSeq).toBe(3);
  });

  it('drops events already seen: a replay overlapping live delivery applies each once', () => {
    let s: SyncState = { ...INITIAL_SYNC, lastSeq: 10 };
    const applied: number[] = [];
    for (const seq of [11, 12, 12, 11, 13, 9]) {
      const r = onEvent(s, ev(seq));
      s = r.state;
      applied.push(...r.apply.map((e) => e.seq));
    }
    expect(applied).toEqual([11, 12, 13]);
    expect(s.lastSeq).toBe(13);
  });

  it('events during a reload wait for it and are applied on top, in order', () => {
    let s = onReloadStart({ ...INITIAL_SYNC, lastSeq: 10 });
    s = onEvent(s, ev(11)).state;
    const wall = onEvent(s, ev(12, 'wall:w1'), false);
    expect(wall.apply.map((e) => e.seq)).toEqual([12]); // not part of the reloaded state: at once
    s = wall.state;
    s = onEvent(s, ev(13)).state;
    const end = onReloadEnd(s);
    expect(end.apply.map((e) => e.seq)).toEqual([11, 13]);
    expect(end.state).toEqual({ lastSeq: 13, reloading: false, pending: [] });
  });

  it('resync: everything up to the server sequence is covered by the reload', () => {
    const s = onResync({ ...INITIAL_SYNC, lastSeq: 10 }, 500);
    expect(s.lastSeq).toBe(500);
    expect(onEvent(s, ev(499)).apply).toEqual([]);
    expect(onEvent(s, ev(501)).apply).toHaveLength(1);
  });
});

describe('applyTopicEvent', () => {
  const status = { kind: 'status', cameraId: 'c1', profile: 'sub', state: 'live', reasonCode: null, reason: null, viewers: 2, fps: 25, bitrateBps: 1, lastFragmentAgeMs: 120, restarts: 0, pid: 1 };

  it('puts a pipeline status under its stream key, without the frozen fragment age', () => {
    const { snapshot } = applyTopicEvent(loaded(), ev(1, 'streams', status));
    expect(snapshot.streams.get(streamKey('c1', 'sub'))).toMatchObject({ state: 'live', viewers: 2, lastFragmentAgeMs: null });
    const next = applyTopicEvent(snapshot, ev(2, 'streams', { ...status, state: 'offline', reason: 'refused', reasonCode: 'connection-refused' })).snapshot;
    expect(next.streams.get(streamKey('c1', 'sub'))).toMatchObject({ state: 'offline', reasonCode: 'connection-refused' });
    expect(snapshot.streams.get(streamKey('c1', 'sub'))?.state).toBe('live'); // never mutated
  });

  it('asks for a camera list reload when a camera is created, edited or deleted', () => {
    const prev = loaded();
    for (const kind of ['created', 'updated', 'deleted']) {
      const r = applyTopicEvent(prev, ev(1, 'cameras', { id: 'c9', kind }));
      expect(r).toEqual({ snapshot: prev, unknownCamera: null, inventoryChanged: true });
    }
  });

  it('drops a stream the gateway stopped', () => {
    const { snapshot } = applyTopicEvent(loaded(), ev(1, 'streams', status));
    const next = applyTopicEvent(snapshot, ev(2, 'streams', { kind: 'removed', cameraId: 'c1', profile: 'sub', removed: true })).snapshot;
    expect(next.streams.has(streamKey('c1', 'sub'))).toBe(false);
  });

  it('keeps an H.265 camera\'s copy and transcode pipelines apart, and drops only the one that stopped', () => {
    let { snapshot } = applyTopicEvent(loaded(), ev(1, 'streams', status));
    snapshot = applyTopicEvent(snapshot, ev(2, 'streams', { ...status, video: 'transcode', state: 'lagging', lagSec: 4.5 })).snapshot;
    expect(snapshot.streams.get(streamKey('c1', 'sub'))?.state).toBe('live');
    expect(snapshot.streams.get(streamKey('c1', 'sub', 'transcode'))).toMatchObject({ state: 'lagging', lagSec: 4.5 });
    snapshot = applyTopicEvent(snapshot, ev(3, 'streams', { kind: 'removed', cameraId: 'c1', profile: 'sub', video: 'transcode', removed: true })).snapshot;
    expect(snapshot.streams.has(streamKey('c1', 'sub', 'transcode'))).toBe(false);
    expect(snapshot.streams.has(streamKey('c1', 'sub'))).toBe(true);
  });

  it('reads a stream\'s audio, and treats a malformed one as no audio', () => {
    const audio = { received: 'pcma', delivered: 'aac', codec: 'mp4a.40.2' };
    expect(readPipelineStatus({ ...status, audio })?.audio).toEqual(audio);
    expect(readPipelineStatus({ ...status, audio: { ...audio, received: 'g726' } })?.audio).toEqual({ ...audio, received: null });
    expect(readPipelineStatus({ ...status, audio: { received: 'pcma', delivered: 'pcma', codec: 'x' } })?.audio).toBeUndefined();
    expect(readPipelineStatus({ ...status, audio: null })?.audio).toBeUndefined();
  });

  it('rejects malformed statuses', () => {
    expect(readPipelineStatus({ ...status, state: 'weird' })).toBeNull();
    expect(readPipelineStatus({ ...status, profile: 'hd' })).toBeNull();
    const prev = loaded();
    expect(applyTopicEvent(prev, ev(1, 'streams', null)).snapshot).toBe(prev);
  });

  it('updates one camera, keeping the other objects', () => {
    const prev = loaded();
    const { snapshot } = applyTopicEvent(prev, ev(1, 'cameras', { kind: 'status', id: 'c1', status: 'offline', reasonCode: 'timeout', reason: 'connection timed out', since: '2030-01-01T00:00:00.000Z' }));
    expect(snapshot.camerasById.get('c1')).toMatchObject({ status: 'offline', statusReasonCode: 'timeout', statusReason: 'connection timed out', statusSince: '2030-01-01T00:00:00.000Z' });
    expect(snapshot.cameras[0]).toBe(snapshot.camerasById.get('c1'));
    expect(snapshot.cameras[1]).toBe(prev.cameras[1]);
    // The same status again changes nothing.
    expect(applyTopicEvent(snapshot, ev(2, 'cameras', { kind: 'status', id: 'c1', status: 'offline', reasonCode: 'timeout', reason: 'connection timed out', since: '2030-01-01T00:00:00.000Z' })).snapshot).toBe(snapshot);
  });

  it('flags a camera it does not know (the inventory needs a reload)', () => {
    const r = applyTopicEvent(loaded(), ev(1, 'cameras', { kind: 'status', id: 'new', status: 'online', reasonCode: null, reason: null, since: null }));
    expect(r.unknownCamera).toBe('new');
  });

  it('reads each payload kind of the snapshot topics, and nothing without one', () => {
    expect(readSnapshotEvent(ev(1, 'streams', status))).toMatchObject({ topic: 'streams', data: { kind: 'status', status: { cameraId: 'c1', state: 'live' } } });
    expect(readSnapshotEvent(ev(1, 'streams', { kind: 'removed', cameraId: 'c1', profile: 'main', removed: true }))).toEqual({ topic: 'streams', data: { kind: 'removed', cameraId: 'c1', profile: 'main', video: 'copy' } });
    const camStatus = { kind: 'status', id: 'c1', status: 'offline', reasonCode: 'no-publisher', reason: 'no publisher', since: 's', previous: 'online' };
    expect(readSnapshotEvent(ev(1, 'cameras', camStatus))).toEqual({ topic: 'cameras', data: { kind: 'status', status: { id: 'c1', status: 'offline', reasonCode: 'no-publisher', reason: 'no publisher', since: 's' } } });
    for (const kind of ['created', 'updated', 'deleted']) expect(readSnapshotEvent(ev(1, 'cameras', { kind, id: 'c2' }))).toEqual({ topic: 'cameras', data: { kind, id: 'c2' } });
    // The payload's kind decides, not which fields happen to be there.
    const { kind: _status, ...pipelineOnly } = status;
    expect(readSnapshotEvent(ev(1, 'streams', pipelineOnly))).toBeNull();
    expect(readSnapshotEvent(ev(1, 'streams', { kind: 'removed', cameraId: 'c1' }))).toBeNull();
    expect(readSnapshotEvent(ev(1, 'cameras', { ...camStatus, kind: 'renamed' }))).toBeNull();
    expect(readSnapshotEvent(ev(1, 'alarms', { kind: 'created' }))).toBeNull();
    // A reason code this console does not know is dropped; the gateway's text still shows.
    expect(readSnapshotEvent(ev(1, 'cameras', { ...camStatus, reasonCode: 'from-the-future' }))).toMatchObject({ data: { status: { reasonCode: null, reason: 'no publisher' } } });
  });

  it('leaves other topics alone', () => {
    const prev = loaded();
    expect(applyTopicEvent(prev, ev(1, 'wall:w1', { type: 'stop-tour' })).snapshot).toBe(prev);
  });
});

describe('reconnect timing', () => {
  it('doubles from 1 s to a 30 s cap, with jitter between half and all of it', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 20].map((a) => reconnectDelayMs(a, () => 1))).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
    expect(reconnectDelayMs(0, () => 0)).toBe(500);
    expect(reconnectDelayMs(5, () => 0)).toBe(15_000);
    expect(reconnectDelayMs(2, () => 0.5)).toBe(3000);
  });
  it('builds the socket URL from the page', () => {
    expect(webSocketUrl({ protocol: 'https:', host: 'gw:8443' })).toBe('wss://gw:8443/api/v1/ws');
    expect(webSocketUrl({ protocol: 'http:', host: '127.0.0.1:18081' })).toBe('ws://127.0.0.1:18081/api/v1/ws');
  });
});
