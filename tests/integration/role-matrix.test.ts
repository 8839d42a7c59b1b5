// Role × action matrix over REST, WebSocket and HLS: every cell of the table below is checked on every channel
// the action has, and every denial must leave an `access.denied` audit row for that user.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import type { Role } from '../../contracts/src/auth';
import { startHarness, type Harness } from '../helpers/gateway-harness';
import { openWs } from '../helpers/ws-client';
import { until } from '../helpers/media-probe';

const ROLES: readonly Role[] = ['admin', 'county-operator', 'township-officer', 'technician', 'viewer'];
const ACTIONS = ['view live', 'view other township', 'ack alarm', 'edit incident', 'register camera', 'manage users', 'read audit', 'manage alarm sources', 'drive a wall'] as const;
type Action = (typeof ACTIONS)[number];
type Cell = 'allow' | 'deny';

/**
 * THE EXPECTED TABLE. The township officer is scoped to 水头镇 (141130100), where camera A is; camera B lies in 康城镇.
 * Everyone else is county-level (no org unit).
 *
 * | action              | admin | county-operator | township-officer | technician | viewer |
 * | view live (A)       | allow | allow           | allow            | allow      | allow  |
 * | view other township | allow | allow           | deny             | allow      | allow  |
 * | ack alarm (on A)    | allow | allow           | allow            | deny       | deny   |
 * | edit incident       | allow | allow           | allow            | deny       | deny   |
 * | register camera     | allow | deny            | deny             | allow      | deny   |
 * | manage users        | allow | deny            | deny             | deny       | deny   |
 * | read audit          | allow | deny            | deny             | deny       | deny   |
 * | manage alarm sources| allow | deny            | deny             | deny       | deny   |
 * | drive a wall        | allow | allow           | deny             | deny       | deny   |
 *
 * Channels: view live = REST live URL + HLS playlist + WS `cameras` topic subscription;
 * view other township = REST live URL of B + HLS playlist of B (the officer tries its own token on B's path) + WS:
 * an alarm on B is (not) delivered on `alarms`; ack alarm = REST; edit incident = REST create in the own township;
 * register camera = REST create + WS `discovery` topic (discovery.run); manage users = REST list + create;
 * read audit = REST search; manage alarm sources = REST list + create an API key; drive a wall = REST define a wall +
 * send it a command. What a *scoped* admin may do with these (only within its township) is admin-scope.test.ts.
 */
const EXPECTED: Readonly<Record<Action, Readonly<Record<Role, Cell>>>> = {
  'view live': { admin: 'allow', 'county-operator': 'allow', 'township-officer': 'allow', technician: 'allow', viewer: 'allow' },
  'view other township': { admin: 'allow', 'county-operator': 'allow', 'township-officer': 'deny', technician: 'allow', viewer: 'allow' },
  'ack alarm': { admin: 'allow', 'county-operator': 'allow', 'township-officer': 'allow', technician: 'deny', viewer: 'deny' },
  'edit incident': { admin: 'allow', 'county-operator': 'allow', 'township-officer': 'allow', technician: 'deny', viewer: 'deny' },
  'register camera': { admin: 'allow', 'county-operator': 'deny', 'township-officer': 'deny', technician: 'allow', viewer: 'deny' },
  'manage users': { admin: 'allow', 'county-operator': 'deny', 'township-officer': 'deny', technician: 'deny', viewer: 'deny' },
  'read audit': { admin: 'allow', 'county-operator': 'deny', 'township-officer': 'deny', technician: 'deny', viewer: 'deny' },
  'manage alarm sources': { admin: 'allow', 'county-operator': 'deny', 'township-officer': 'deny', technician: 'deny', viewer: 'deny' },
  'drive a wall': { admin: 'allow', 'county-operator': 'allow', 'township-officer': 'deny', technician: 'deny', viewer: 'deny' },
};

const OWN_TOWNSHIP = '141130100'; // 水头镇
const OTHER_TOWNSHIP = '141130101'; // 康城镇

interface Msg {
  type: string;
  topic?: string;
  data?: Record<string, unknown>;
  message?: string;
}

/** Subscribes and reports whether the gateway refused (an `error` message naming the topic) within a short wait. */
async function subscribe(c: { ws: WebSocket; messages: Msg[] }, topic: string): Promise<Cell> {
  const before = c.messages.length;
  c.ws.send(JSON.stringify({ type: 'subscribe', topics: [topic] }));
  c.ws.send(JSON.stringify({ type: 'ping' }));
  await until(async () => c.messages.slice(before).some((m) => m.type === 'pong'), 5000, 'pong');
  return c.messages.slice(before).some((m) => m.type === 'error' && m.message?.includes(topic)) ? 'deny' : 'allow';
}

const verdict = (status: number): Cell => {
  if (status === 403) return 'deny';
  if (status >= 200 && status < 300) return 'allow';
  throw new Error(`unexpected status ${status}`);
};

describe('role × action matrix (REST, WebSocket, HLS)', () => {
  let h: Harness;
  let cameraA = '';
  let cameraB = '';
  let apiKey = '';
  const tokens = {} as Record<Role, string>;
  const userIds = {} as Record<Role, string>;
  const sockets = {} as Record<Role, { ws: WebSocket; messages: Msg[] }>;
  /** observed[action][role][channel] */
  const observed: Record<string, Record<string, Record<string, Cell>>> = {};
  const record = (action: Action, role: Role, channel: 'REST' | 'WS' | 'HLS', cell: Cell) => {
    ((observed[action] ??= {})[role] ??= {})[channel] = cell;
  };

  let alarmN = 0;
  const raiseAlarm = async (cameraId: string): Promise<string> => {
    // A distinct type each time: repeats of one camera + type would coalesce into the same alarm.
    alarmN++;
    const res = await fetch(`${h.gw.url}/api/v1/alarms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
      body: JSON.stringify({ eventId: randomUUID(), type: `intrusion.m${alarmN}`, severity: 'major', title: '区域入侵', cameraId }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    return ((await res.json()) as { alarmId: string }).alarmId;
  };

  beforeAll(async () => {
    h = await startHarness({ cameras: 2, prewarm: true });
    cameraA = h.cameraIds.get(h.fleet.cameras[0]!.index)!; // registered in 141130100 by the harness
    cameraB = h.cameraIds.get(h.fleet.cameras[1]!.index)!;
    expect((await h.api('PATCH', `/api/v1/cameras/${cameraB}`, { orgUnitId: OTHER_TOWNSHIP }, h.adminToken)).status).toBe(200);
    for (const role of ROLES) {
      const username = `m-${role}`;
      const password = `${role}-Matrix-pw-9`;
      const created = await h.api<{ id: string }>('POST', '/api/v1/users', { username, displayName: role, password, role, orgUnitId: role === 'township-officer' ? OWN_TOWNSHIP : null }, h.adminToken);
      expect(created.status).toBe(201);
      userIds[role] = created.body.id;
      const login = await h.api<{ token: string }>('POST', '/api/v1/session', { username, password });
      expect(login.status).toBe(200);
      tokens[role] = login.body.token;
      sockets[role] = await openWs<Msg>(h, tokens[role], { hello: true });
    }
    const source = await h.api<{ apiKey: string }>('POST', '/api/v1/alarm-sources', { name: 'matrix-grid' }, h.adminToken);
    apiKey = source.body.apiKey;
  });

  afterAll(async () => {
    for (const s of Object.values(sockets)) s.ws.close();
    await h?.close();
  });

  it('view live (own township): REST live URL, HLS playlist, WS cameras topic', async () => {
    for (const role of ROLES) {
      const live = await h.api<{ url: string }>('GET', `/api/v1/cameras/${cameraA}/live?profile=sub`, undefined, tokens[role]);
      record('view live', role, 'REST', verdict(live.status));
      if (live.status === 200) record('view live', role, 'HLS', verdict((await fetch(live.body.url)).status));
      record('view live', role, 'WS', await subscribe(sockets[role], 'cameras'));
    }
  });

  it('view other township: REST live URL of B, HLS on B, alarm on B over WS', async () => {
    for (const role of ROLES) await subscribe(sockets[role], 'alarms');
    const alarmB = await raiseAlarm(cameraB);
    await until(async () => sockets.admin.messages.some((m) => m.topic === 'alarms' && JSON.stringify(m.data).includes(alarmB)), 5000, 'alarm event');
    await new Promise((r) => setTimeout(r, 300));
    for (const role of ROLES) {
      const live = await h.api<{ url: string }>('GET', `/api/v1/cameras/${cameraB}/live?profile=sub`, undefined, tokens[role]);
      record('view other township', role, 'REST', verdict(live.status));
      if (live.status === 200) {
        record('view other township', role, 'HLS', verdict((await fetch(live.body.url)).status));
      } else {
        // The only HLS token this user can get is for camera A: replayed on B's path it must be refused.
        const own = await h.api<{ url: string }>('GET', `/api/v1/cameras/${cameraA}/live?profile=sub`, undefined, tokens[role]);
        record('view other township', role, 'HLS', verdict((await fetch(own.body.url.replace(cameraA, cameraB))).status));
      }
      const heard = sockets[role].messages.some((m) => m.topic === 'alarms' && JSON.stringify(m.data).includes(alarmB));
      record('view other township', role, 'WS', heard ? 'allow' : 'deny');
    }
  });

  it('ack alarm (an alarm on camera A, one per role)', async () => {
    for (const role of ROLES) {
      const id = await raiseAlarm(cameraA);
      // Each alarm is new: raise a fresh one so an earlier role's ack does not change the state.
      record('ack alarm', role, 'REST', verdict((await h.api('POST', `/api/v1/alarms/${id}/ack`, { note: role }, tokens[role])).status));
    }
  });

  it('edit incident (create one in the own township)', async () => {
    for (const role of ROLES) {
      const res = await h.api('POST', '/api/v1/incidents', {
        clientRequestId: randomUUID(),
        title: `占道经营 ${role}`,
        category: 'public-security',
        place: { orgUnitId: OWN_TOWNSHIP, address: '镇政府门口' },
        reporter: { kind: 'grid-head', name: '网格员', phone: '13900000000' },
      }, tokens[role]);
      record('edit incident', role, 'REST', verdict(res.status));
    }
  });

  it('register camera: REST create + WS discovery topic', async () => {
    let n = 0;
    for (const role of ROLES) {
      n++;
      const res = await h.api('POST', '/api/v1/cameras?test=false', { name: `matrix ${role}`, orgUnitId: OWN_TOWNSHIP, category: 2, sourceType: 'rtsp', host: `10.77.0.${n}`, mainStreamUri: `rtsp://10.77.0.${n}/main` }, tokens[role]);
      record('register camera', role, 'REST', verdict(res.status));
      record('register camera', role, 'WS', await subscribe(sockets[role], 'discovery'));
    }
  });

  it('manage users: list and create', async () => {
    for (const role of ROLES) {
      const list = verdict((await h.api('GET', '/api/v1/users', undefined, tokens[role])).status);
      const create = verdict((await h.api('POST', '/api/v1/users', { username: `new-by-${role}`, displayName: 'x', password: 'Another-pw-123', role: 'viewer', orgUnitId: OWN_TOWNSHIP }, tokens[role])).status);
      expect(create).toBe(list);
      record('manage users', role, 'REST', list);
    }
  });

  it('read audit', async () => {
    for (const role of ROLES) record('read audit', role, 'REST', verdict((await h.api('GET', '/api/v1/audit?limit=5', undefined, tokens[role])).status));
  });

  it('manage alarm sources: list and create an API key', async () => {
    for (const role of ROLES) {
      const list = verdict((await h.api('GET', '/api/v1/alarm-sources', undefined, tokens[role])).status);
      const create = verdict((await h.api('POST', '/api/v1/alarm-sources', { name: `matrix-${role}` }, tokens[role])).status);
      expect(create).toBe(list);
      record('manage alarm sources', role, 'REST', list);
    }
  });

  it('drive a wall: define it and send it a command', async () => {
    for (const role of ROLES) {
      const define = verdict((await h.api('PUT', `/api/v1/walls/matrix-${role}`, { name: `wall of ${role}`, layoutId: null }, tokens[role])).status);
      const command = verdict((await h.api('POST', `/api/v1/walls/matrix-${role}/commands`, { type: 'stop-tour' }, tokens[role])).status);
      expect(command).toBe(define);
      record('drive a wall', role, 'REST', define);
    }
  });

  it('every observed cell matches the expected table, on every channel', () => {
    const mismatches: string[] = [];
    for (const action of ACTIONS) {
      for (const role of ROLES) {
        const channels = observed[action]?.[role] ?? {};
        expect(Object.keys(channels).length, `${action} × ${role} was not exercised`).toBeGreaterThan(0);
        for (const [channel, cell] of Object.entries(channels)) {
          if (cell !== EXPECTED[action][role]) mismatches.push(`${action} × ${role} over ${channel}: expected ${EXPECTED[action][role]}, got ${cell}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('every REST/HLS/WS-subscription denial left an access.denied audit row for that user', () => {
    const denied = h.gw.db.prepare(`SELECT user_id AS userId, target_id AS targetId FROM audit_log WHERE action = 'access.denied'`).all() as Array<{ userId: string | null; targetId: string | null }>;
    for (const role of ROLES) {
      const deniedCells = ACTIONS.filter((a) => EXPECTED[a][role] === 'deny').length;
      const rows = denied.filter((r) => r.userId === userIds[role]).length;
      if (deniedCells > 0) expect(rows, `${role}: denial rows`).toBeGreaterThanOrEqual(deniedCells);
      else expect(rows, `${role}: no denials expected`).toBe(0);
    }
    // The officer's own (genuine) HLS token replayed on camera B's path is audited against the officer and camera B.
    expect(denied.filter((r) => r.userId === userIds['township-officer'] && r.targetId === cameraB).length).toBeGreaterThanOrEqual(2);
  });
});
