import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import type { AlarmSourceCreated, AlarmTopicEvent } from '../../contracts/src/alarm';
import { startHarness, type Harness } from '../helpers/gateway-harness';
import { openWs } from '../helpers/ws-client';
import { until } from '../helpers/media-probe';

interface Msg {
  type: string;
  seq?: number;
  topic?: string;
  data?: AlarmTopicEvent;
}

interface Client {
  ws: WebSocket;
  messages: Msg[];
  events(): Msg[];
}

async function connect(h: Harness, token: string, since?: number): Promise<Client> {
  const c = await openWs<Msg>(h, token, { topics: ['alarms'], ...(since !== undefined ? { since } : {}) });
  return { ...c, events: () => c.messages.filter((m) => m.type === 'event' && m.topic === 'alarms') };
}

/** The `alarms` topic: scoped delivery and replay after a reconnect, through the real gateway. */
describe('alarms over the WebSocket', () => {
  let h: Harness;
  let key = '';
  let officer = '';
  beforeAll(async () => {
    h = await startHarness({ cameras: 1, prewarm: false });
    key = (await h.api<AlarmSourceCreated>('POST', '/api/v1/alarm-sources', { name: 'ws-test' }, h.adminToken)).body.apiKey;
    await h.api('POST', '/api/v1/users', { username: 'kc-officer', displayName: '康城值班', password: 'kc-officer-pw-1', role: 'township-officer', orgUnitId: '141130101' }, h.adminToken);
    officer = (await h.api<{ token: string }>('POST', '/api/v1/session', { username: 'kc-officer', password: 'kc-officer-pw-1' })).body.token;
  });
  afterAll(async () => {
    await h?.close();
  });

  const raise = async (eventId: string, place: { cameraId: string } | { orgUnitId: string }, type = 'grid-report') => {
    const res = await fetch(`${h.gw.url}/api/v1/alarms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({ eventId, type, severity: 'major', title: eventId, ...place }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { alarmId: string }).alarmId;
  };

  it('pushes each new alarm to the users whose scope covers it, and only to them', async () => {
    const admin = await connect(h, h.adminToken);
    const kc = await connect(h, officer);
    const shuitou = await raise('st-1', { cameraId: h.cameraIds.get(1)! });
    const kangcheng = await raise('kc-1', { orgUnitId: '141130101' });
    await until(async () => admin.events().length >= 2, 5000, 'admin events');
    await until(async () => kc.events().length >= 1, 5000, 'officer event');
    await new Promise((r) => setTimeout(r, 300));
    expect(admin.events().map((m) => [m.data!.kind, m.data!.alarm.id])).toEqual([
      ['created', shuitou],
      ['created', kangcheng],
    ]);
    expect(kc.events().map((m) => m.data!.alarm.id)).toEqual([kangcheng]);
    // Acting on it is pushed too (to the officer, since it is in 康城).
    await h.api('POST', `/api/v1/alarms/${kangcheng}/ack`, undefined, officer);
    await until(async () => kc.events().length >= 2, 5000, 'update');
    expect(kc.events()[1]!.data).toMatchObject({ kind: 'updated', alarm: { id: kangcheng, state: 'acknowledged' } });
    expect(kc.events().some((m) => m.data!.alarm.id === shuitou)).toBe(false);
    admin.ws.close();
    kc.ws.close();
  });

  it('replays exactly the alarms raised while a console was away, once each, in order', async () => {
    const admin = await connect(h, h.adminToken);
    const kc = await connect(h, officer);
    const last = h.gw.hub.lastSeq; // what both consoles had seen when they dropped
    admin.ws.close();
    kc.ws.close();
    const missed: string[] = [];
    // One camera, so each has its own type (the same camera + type would coalesce into one alarm).
    for (let i = 1; i <= 5; i++) missed.push(await raise(`away-${i}`, i === 3 ? { orgUnitId: '141130101' } : { cameraId: h.cameraIds.get(1)! }, `away-${i}`));
    const again = await connect(h, h.adminToken, last);
    const kcAgain = await connect(h, officer, last);
    await until(async () => again.events().length >= 5, 5000, 'replay');
    await new Promise((r) => setTimeout(r, 500));
    const replayed = again.events();
    expect(replayed.map((m) => m.data!.alarm.id)).toEqual(missed);
    expect(replayed.every((m) => m.data!.kind === 'created')).toBe(true);
    const seqs = replayed.map((m) => m.seq!);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(5);
    expect(seqs[0]).toBeGreaterThan(last);
    // The 康城 officer gets only the one in 康城.
    expect(kcAgain.events().map((m) => m.data!.alarm.id)).toEqual([missed[2]]);
    // A live alarm after the replay arrives once more, not twice.
    const live = await raise('after', { orgUnitId: '141130100' });
    await until(async () => again.events().length >= 6, 5000, 'live after replay');
    await new Promise((r) => setTimeout(r, 300));
    expect(again.events().map((m) => m.data!.alarm.id)).toEqual([...missed, live]);
    again.ws.close();
    kcAgain.ws.close();
  });
});
