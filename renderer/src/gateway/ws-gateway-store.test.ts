import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CameraDto } from '../../../contracts/src/camera';
import type { OrgUnit } from '../../../contracts/src/org-unit';
import { GatewayError } from './gateway-error';
import { streamKey, type PipelineStatusDto } from './gateway-types';
import type { TopicEvent } from './realtime-sync';
import { createWsGatewayStore, type SocketLike } from './ws-gateway-store';

const org: OrgUnit = { id: '141130', name: '交口县', nameEn: 'Jiaokou', level: 'county', parentId: null, lat: null, lng: null, demo: true };
const camera = { id: 'c1', name: '人民路口', orgUnitId: '141130', status: 'online', statusReason: null, statusSince: null, updatedAt: 't0' } as CameraDto;
const stream = (state: PipelineStatusDto['state']): PipelineStatusDto => ({ cameraId: 'c1', profile: 'sub', state, reason: null, viewers: 1, fps: 25, bitrateBps: 1, lastFragmentAgeMs: 100, restarts: 0 });
/** The same status as the `streams` topic pushes it. */
const streamEvent = (state: PipelineStatusDto['state']) => ({ kind: 'status', ...stream(state) });

class FakeSocket implements SocketLike {
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  sent: unknown[] = [];
  closed = false;
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.closed = true;
  }
  server(msg: object) {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }
  event(seq: number, topic: string, data: unknown) {
    this.server({ type: 'event', seq, topic, at: '2030-01-01T00:00:00.000Z', data });
  }
  fail() {
    this.onclose?.({});
  }
}

function setup(opts: { canReadStreams?: boolean; extraTopics?: string[]; refuse?: boolean } = {}) {
  const sockets: FakeSocket[] = [];
  let refuse = opts.refuse ?? false;
  const client = {
    listOrgUnits: vi.fn(async () => [org]),
    listAllCameras: vi.fn(async () => [camera]),
    listStreams: vi.fn(async (): Promise<PipelineStatusDto[]> => [stream('starting')]),
  };
  const topicEvents: TopicEvent[] = [];
  const onResync = vi.fn();
  const store = createWsGatewayStore({
    client,
    canReadStreams: opts.canReadStreams ?? true,
    extraTopics: opts.extraTopics,
    onTopicEvent: (e) => topicEvents.push(e),
    onResync,
    random: () => 1,
    openSocket: () => {
      const s = new FakeSocket();
      sockets.push(s);
      if (refuse) queueMicrotask(() => s.fail());
      return s;
    },
  });
  return { store, client, sockets, topicEvents, onResync, last: () => sockets[sockets.length - 1]!, setRefuse: (v: boolean) => (refuse = v) };
}

const state = (store: ReturnType<typeof setup>['store']) => store.getSnapshot().streams.get(streamKey('c1', 'sub'))?.state;

describe('WebSocket gateway store', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('subscribes after the hello, loads over REST, then applies pushed events', async () => {
    const t = setup({ extraTopics: ['wall:w1'] });
    t.store.start();
    expect(t.client.listStreams).not.toHaveBeenCalled(); // the REST load follows the subscription
    t.last().server({ type: 'hello', seq: 40 });
    expect(t.last().sent[0]).toEqual({ type: 'subscribe', topics: ['streams', 'cameras', 'wall:w1'], since: 40 });
    expect(t.store.getSnapshot().transport).toBe('websocket');
    await vi.advanceTimersByTimeAsync(0);
    expect(t.store.getSnapshot().inventoryLoaded).toBe(true);
    expect(state(t.store)).toBe('starting');
    t.last().event(41, 'streams', streamEvent('live'));
    expect(state(t.store)).toBe('live');
    t.last().event(42, 'cameras', { kind: 'status', id: 'c1', status: 'offline', reasonCode: 'timeout', reason: 'connection timed out', since: null });
    expect(t.store.getSnapshot().camerasById.get('c1')?.status).toBe('offline');
    t.last().event(43, 'wall:w1', { type: 'stop-tour', by: 'op' });
    expect(t.topicEvents.map((e) => e.seq)).toEqual([43]);
    t.store.stop();
  });

  it('applies events that arrive during the REST load on top of it', async () => {
    const t = setup();
    let resolve!: (v: PipelineStatusDto[]) => void;
    t.client.listStreams.mockImplementationOnce(() => new Promise((r) => (resolve = r)));
    t.store.start();
    t.last().server({ type: 'hello', seq: 1 });
    t.last().event(2, 'streams', streamEvent('live')); // newer than the REST answer still in flight
    resolve([stream('starting')]);
    await vi.advanceTimersByTimeAsync(0);
    expect(state(t.store)).toBe('live');
    t.store.stop();
  });

  it('reconnects with since = last sequence and applies a replay once', async () => {
    const t = setup();
    t.store.start();
    t.last().server({ type: 'hello', seq: 10 });
    await vi.advanceTimersByTimeAsync(0);
    t.last().event(11, 'streams', streamEvent('live'));
    t.last().fail();
    await vi.advanceTimersByTimeAsync(1000);
    expect(t.sockets).toHaveLength(2);
    t.last().server({ type: 'hello', seq: 14 });
    expect(t.last().sent[0]).toEqual({ type: 'subscribe', topics: ['streams', 'cameras'], since: 11 });
    const listener = vi.fn();
    t.store.subscribe(listener);
    t.last().event(11, 'streams', streamEvent('offline')); // a duplicate: ignored
    expect(state(t.store)).toBe('live');
    t.last().event(12, 'streams', streamEvent('reconnecting'));
    expect(state(t.store)).toBe('reconnecting');
    expect(t.client.listStreams).toHaveBeenCalledTimes(1); // no reload on a clean reconnect
    t.store.stop();
  });

  it('reloads over REST on resync and tells the extra-topic follower', async () => {
    const t = setup();
    t.store.start();
    t.last().server({ type: 'hello', seq: 10 });
    await vi.advanceTimersByTimeAsync(0);
    t.client.listStreams.mockResolvedValueOnce([stream('offline')]);
    t.last().server({ type: 'resync', seq: 9000 });
    expect(t.onResync).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.client.listStreams).toHaveBeenCalledTimes(2);
    expect(state(t.store)).toBe('offline');
    t.last().event(8999, 'streams', streamEvent('live')); // covered by the reload
    expect(state(t.store)).toBe('offline');
    t.store.stop();
  });

  it('reloads when the gateway restarted (hello below the last sequence)', async () => {
    const t = setup();
    t.store.start();
    t.last().server({ type: 'hello', seq: 500 });
    await vi.advanceTimersByTimeAsync(0);
    t.last().fail();
    await vi.advanceTimersByTimeAsync(1000);
    t.last().server({ type: 'hello', seq: 2 });
    expect(t.last().sent[0]).toMatchObject({ since: 2 });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.client.listStreams).toHaveBeenCalledTimes(2);
    expect(t.onResync).toHaveBeenCalledTimes(1);
    t.store.stop();
  });

  it('polls while the socket cannot connect, backs off, and stops polling once it connects', async () => {
    const t = setup({ refuse: true });
    t.store.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.store.getSnapshot().transport).toBe('polling');
    expect(t.store.getSnapshot().inventoryLoaded).toBe(true);
    // Attempts at 1 s, then 2 s, then 4 s later (jitter fixed at its maximum).
    await vi.advanceTimersByTimeAsync(1000);
    expect(t.sockets).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1999);
    expect(t.sockets).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.sockets).toHaveLength(3);
    const polls = t.client.listStreams.mock.calls.length;
    expect(polls).toBeGreaterThan(1);
    t.setRefuse(false);
    await vi.advanceTimersByTimeAsync(4000);
    expect(t.sockets).toHaveLength(4);
    t.last().server({ type: 'hello', seq: 3 });
    expect(t.store.getSnapshot().transport).toBe('websocket');
    await vi.advanceTimersByTimeAsync(0);
    const afterConnect = t.client.listStreams.mock.calls.length;
    await vi.advanceTimersByTimeAsync(20_000);
    expect(t.client.listStreams.mock.calls.length).toBe(afterConnect);
    t.store.stop();
  });

  it('a socket that opens but never greets counts as a failure', async () => {
    const t = setup();
    t.store.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(t.sockets[0]!.closed).toBe(true);
    expect(t.store.getSnapshot().transport).toBe('polling');
    t.store.stop();
  });

  it('replaces a socket that stops answering pings', async () => {
    const t = setup();
    t.store.start();
    t.last().server({ type: 'hello', seq: 1 });
    await vi.advanceTimersByTimeAsync(20_000);
    expect(t.last().sent).toContainEqual({ type: 'ping' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.sockets[0]!.closed).toBe(true);
    t.store.stop();
  });

  it('asks neither the streams topic nor the list for a role without stream.read', async () => {
    const t = setup({ canReadStreams: false });
    t.store.start();
    t.last().server({ type: 'hello', seq: 1 });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.last().sent[0]).toEqual({ type: 'subscribe', topics: ['cameras'], since: 1 });
    expect(t.client.listStreams).not.toHaveBeenCalled();
    t.store.stop();
  });

  it('reports a failed reload, retries it, and clears the error', async () => {
    const t = setup();
    t.client.listAllCameras.mockRejectedValueOnce(new GatewayError(0, 'network', 'Failed to fetch'));
    t.store.start();
    t.last().server({ type: 'hello', seq: 1 });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.store.getSnapshot().error?.message).toBe('Failed to fetch');
    await vi.advanceTimersByTimeAsync(5000);
    expect(t.store.getSnapshot().error).toBeNull();
    expect(t.store.getSnapshot().inventoryLoaded).toBe(true);
    t.store.stop();
  });

  it('stop closes the socket and schedules nothing more', async () => {
    const t = setup();
    t.store.start();
    t.last().server({ type: 'hello', seq: 1 });
    t.store.stop();
    expect(t.sockets[0]!.closed).toBe(true);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(t.sockets).toHaveLength(1);
    t.store.start(); // StrictMode: start again
    expect(t.sockets).toHaveLength(2);
    t.store.stop();
  });
});
