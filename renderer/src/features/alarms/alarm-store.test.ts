import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AlarmDto } from '../../../../contracts/src/alarm';
import type { SocketLike } from '../../gateway/ws-gateway-store';
import { createWsGatewayStore } from '../../gateway/ws-gateway-store';
import { alarm } from './alarm-fixtures.test-util';
import { queueOf } from './alarm-queue';
import { createAlarmStore } from './alarm-store';

class FakeSocket implements SocketLike {
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  sent: Array<{ type: string; topics?: string[]; since?: number }> = [];
  send(data: string) {
    this.sent.push(JSON.parse(data) as { type: string });
  }
  close() {}
  server(msg: object) {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }
  alarm(seq: number, kind: 'created' | 'updated', a: AlarmDto) {
    this.server({ type: 'event', seq, topic: 'alarms', at: '', data: { kind, alarm: a } });
  }
  fail() {
    this.onclose?.({});
  }
}

function setup(rest: () => AlarmDto[]) {
  const sockets: FakeSocket[] = [];
  const listAlarms = vi.fn(async () => ({ items: rest(), total: rest().length }));
  const alarms = createAlarmStore({ client: { listAlarms } });
  const ws = createWsGatewayStore({
    client: { listOrgUnits: async () => [], listAllCameras: async () => [], listStreams: async () => [] },
    canReadStreams: false,
    ...alarms.wsOptions,
    random: () => 1,
    openSocket: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s;
    },
  });
  alarms.start();
  ws.start();
  const ids = () => [...alarms.getSnapshot().byId.keys()].sort();
  return { alarms, ws, listAlarms, sockets, last: () => sockets[sockets.length - 1]!, ids };
}

describe('alarm store on the WebSocket', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('subscribes to alarms, then loads the open alarms (after the subscription, so nothing is lost)', async () => {
    const t = setup(() => [alarm('a1')]);
    expect(t.listAlarms).not.toHaveBeenCalled();
    t.last().server({ type: 'hello', seq: 10 });
    expect(t.last().sent[0]).toMatchObject({ type: 'subscribe', topics: ['cameras', 'alarms'], since: 10 });
    expect(t.listAlarms).toHaveBeenCalledWith({ state: ['new', 'acknowledged'], limit: 200 });
    // An alarm pushed while the REST answer is on its way is kept and applied on top of it.
    t.last().alarm(11, 'created', alarm('a2'));
    await vi.advanceTimersByTimeAsync(0);
    expect(t.ids()).toEqual(['a1', 'a2']);
  });

  it('reconnect: the 5 alarms raised while away arrive once each, replays overlapping live delivery are dropped', async () => {
    const t = setup(() => []);
    t.last().server({ type: 'hello', seq: 10 });
    await vi.advanceTimersByTimeAsync(0);
    t.last().alarm(11, 'created', alarm('before'));
    t.last().fail();
    await vi.advanceTimersByTimeAsync(1000);
    const s = t.last();
    s.server({ type: 'hello', seq: 16 });
    expect(s.sent[0]).toMatchObject({ type: 'subscribe', since: 11 });
    expect(t.listAlarms).toHaveBeenCalledTimes(1); // no reload: the server replays
    for (let i = 0; i < 5; i++) s.alarm(12 + i, 'created', alarm(`away-${i}`));
    // The same events again (a replay overlapping live delivery): dropped by sequence.
    for (let i = 0; i < 5; i++) s.alarm(12 + i, 'created', alarm(`away-${i}`));
    expect(t.ids()).toEqual(['away-0', 'away-1', 'away-2', 'away-3', 'away-4', 'before']);
    expect(t.alarms.getSnapshot().arrivals).toEqual(['before', 'away-0', 'away-1', 'away-2', 'away-3', 'away-4']);
    expect(queueOf(t.alarms.getSnapshot().byId)).toHaveLength(6);
  });

  it('resync reloads over REST; an acknowledged alarm leaves the queue', async () => {
    let rest = [alarm('a1'), alarm('a2')];
    const t = setup(() => rest);
    t.last().server({ type: 'hello', seq: 1 });
    await vi.advanceTimersByTimeAsync(0);
    t.last().alarm(2, 'updated', alarm('a1', { state: 'acknowledged', updatedAt: '2030-01-01T00:01:00.000Z' }));
    expect(queueOf(t.alarms.getSnapshot().byId).map((a) => a.id)).toEqual(['a2']);
    rest = [alarm('a3')];
    t.last().server({ type: 'resync', seq: 50 });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.ids()).toEqual(['a3']);
  });

  it('a failed load is retried; polling reloads while the socket is down', async () => {
    let fail = true;
    const t = setup(() => {
      if (fail) throw new Error('down');
      return [alarm('a1')];
    });
    t.last().server({ type: 'hello', seq: 1 });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.ids()).toEqual([]);
    fail = false;
    await vi.advanceTimersByTimeAsync(5000);
    expect(t.ids()).toEqual(['a1']);
    t.alarms.setPolling(true);
    const calls = t.listAlarms.mock.calls.length;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(t.listAlarms.mock.calls.length).toBeGreaterThan(calls + 1);
    t.alarms.setPolling(false);
    t.alarms.stop();
    t.ws.stop();
  });
});
