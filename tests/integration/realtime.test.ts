import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHarness, type Harness } from '../helpers/gateway-harness';
import { openWs } from '../helpers/ws-client';
import { until, waitForSegments } from '../helpers/media-probe';

interface Msg {
  type: string;
  seq?: number;
  topic?: string;
  data?: Record<string, unknown>;
  message?: string;
}

describe('WebSocket topics', () => {
  let h: Harness;
  let officer = '';
  beforeAll(async () => {
    h = await startHarness({ cameras: 1 });
    await h.api('POST', '/api/v1/users', { username: 'kc-officer', displayName: 'kc', password: 'kc-officer-pw-1', role: 'township-officer', orgUnitId: '141130101' }, h.adminToken);
    officer = (await h.api<{ token: string }>('POST', '/api/v1/session', { username: 'kc-officer', password: 'kc-officer-pw-1' })).body.token;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('pushes stream and camera status to permitted users in scope only, and replays what a reconnect missed', async () => {
    const admin = await openWs<Msg>(h, h.adminToken);
    const other = await openWs<Msg>(h, officer);
    admin.ws.send(JSON.stringify({ type: 'subscribe', topics: ['streams', 'cameras'] }));
    other.ws.send(JSON.stringify({ type: 'subscribe', topics: ['streams', 'cameras'] }));
    await until(async () => admin.messages.some((m) => m.type === 'hello'), 5000, 'hello');
    const hello = admin.messages.find((m) => m.type === 'hello')!;

    const cam = h.fleet.cameras[0]!;
    const id = h.cameraIds.get(cam.index)!;
    await waitForSegments(await h.liveUrl(id), 1);
    await until(async () => admin.messages.some((m) => m.topic === 'cameras' && m.data?.id === id && m.data?.status === 'online'), 10_000, 'online event');
    expect(admin.messages.some((m) => m.topic === 'streams' && m.data?.cameraId === id && m.data?.state === 'live')).toBe(true);
    // The camera belongs to 水头镇: a 康城镇 officer never hears of it.
    expect(other.messages.filter((m) => m.type === 'event')).toEqual([]);

    // A console that reconnects with the last sequence it saw gets exactly the events after it.
    admin.ws.close();
    const again = await openWs<Msg>(h, h.adminToken);
    again.ws.send(JSON.stringify({ type: 'subscribe', topics: ['streams', 'cameras'], since: hello.seq }));
    await until(async () => again.messages.filter((m) => m.type === 'event').length >= 2, 5000, 'replay');
    const replayed = again.messages.filter((m) => m.type === 'event').map((m) => m.seq!);
    expect(replayed[0]).toBe(hello.seq! + 1);
    expect(new Set(replayed).size).toBe(replayed.length);
    // Inventory changes reach consoles in scope too (they reload their camera list).
    const created = await h.api<{ id: string }>('POST', '/api/v1/cameras?test=false', { name: 'new cam', orgUnitId: '141130100', category: 3, sourceType: 'rtsp', host: '127.1.9.9', mainStreamUri: 'rtsp://127.1.9.9/main' }, h.adminToken);
    expect(created.status).toBe(201);
    await until(async () => again.messages.some((m) => m.topic === 'cameras' && m.data?.id === created.body.id && m.data?.kind === 'created'), 5000, 'created event');
    expect(other.messages.some((m) => m.data?.id === created.body.id)).toBe(false);
    again.ws.close();
    other.ws.close();
  });

  it('refuses topics the role may not read and malformed messages', async () => {
    const c = await openWs<Msg>(h, officer);
    c.ws.send('not json');
    c.ws.send(JSON.stringify({ type: 'subscribe', topics: ['alarms-of-everyone'] }));
    await until(async () => c.messages.filter((m) => m.type === 'error').length >= 2, 5000, 'errors');
    expect(c.messages.filter((m) => m.type === 'error').map((m) => m.message)).toEqual(['message is not JSON', expect.stringContaining('topics.0')]);
    c.ws.close();
  });

  it('refuses an anonymous WebSocket', async () => {
    const ws = new WebSocket(`${h.gw.url.replace(/^http/, 'ws')}/api/v1/ws`);
    const status = await new Promise<number>((resolve) => ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(401);
  });
});
