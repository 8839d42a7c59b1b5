/**
 * HTTP control API for the simulator (127.0.0.1 only): list cameras with their credentials (it is a simulator) and
 * inject faults. JSON in, JSON out.
 *
 *   GET  /health                 GET /cameras            GET /cameras/:id         GET /stats
 *   GET  /cameras/:id/stats      (sessions, bytes, DESCRIBE requests, refused credentials)
 *   POST /cameras/:id/stop|start|stall|unstall|break-auth|fix-auth
 *   POST /cameras/:id/events/motion|tamper[?active=false]   (ONVIF fleets: an event on every PullPoint subscription)
 */
import http from 'node:http';
import { colourHex, parseSimCameraId } from './camera-identity';
import type { Fleet, SimCamera } from './fleet';
import { SIM_EVENT_KINDS, type SimEventKind } from './onvif/events-service';

export interface ControlApi {
  port: number;
  close(): Promise<void>;
}

const ACTIONS = ['stop', 'start', 'stall', 'unstall', 'break-auth', 'fix-auth'] as const;
type Action = (typeof ACTIONS)[number];

export function cameraJson(c: SimCamera): Record<string, unknown> {
  return {
    id: c.id,
    index: c.index,
    name: c.name,
    host: c.host,
    port: c.port,
    username: c.username,
    password: c.password,
    mainUrl: c.mainUrl,
    subUrl: c.subUrl,
    colour: c.colour,
    colourHex: colourHex(c.colour),
    profile: c.profile,
    state: c.state,
    authBroken: c.authBroken,
  };
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

async function runAction(fleet: Fleet, id: string, action: Action): Promise<void> {
  switch (action) {
    case 'stop':
      return fleet.stop(id);
    case 'start':
      return fleet.start(id);
    case 'stall':
      return fleet.stall(id);
    case 'unstall':
      return fleet.unstall(id);
    case 'break-auth':
      return fleet.breakAuth(id);
    case 'fix-auth':
      return fleet.fixAuth(id);
  }
}

export async function handleControlRequest(fleet: Fleet, method: string, rawUrl: string, res: http.ServerResponse): Promise<void> {
  const path = new URL(rawUrl, 'http://sim').pathname.replace(/\/+$/, '') || '/';
  const parts = path.split('/').filter(Boolean);
  const allow = (methods: string): boolean => {
    if (methods.split(',').includes(method)) return true;
    res.setHeader('allow', methods);
    send(res, 405, { error: `method ${method} not allowed` });
    return false;
  };

  if (path === '/health') {
    if (!allow('GET,HEAD')) return;
    const s = fleet.stats();
    return send(res, 200, { ok: true, cameras: s.cameras, listening: s.listening, playingSessions: s.playingSessions });
  }
  if (path === '/stats') {
    if (!allow('GET,HEAD')) return;
    return send(res, 200, fleet.stats());
  }
  if (parts[0] !== 'cameras' || parts.length > 4 || (parts.length === 4 && parts[2] !== 'events')) return send(res, 404, { error: 'not found' });
  if (parts.length === 1) {
    if (!allow('GET,HEAD')) return;
    return send(res, 200, fleet.cameras.map(cameraJson));
  }
  const id = decodeURIComponent(parts[1] ?? '');
  if (parseSimCameraId(id) === null) return send(res, 400, { error: `invalid camera id ${JSON.stringify(id.slice(0, 40))} (expected sim-NNNN)` });
  const camera = fleet.camera(id);
  if (!camera) return send(res, 404, { error: `unknown camera ${id}` });
  if (parts.length === 2) {
    if (!allow('GET,HEAD')) return;
    return send(res, 200, cameraJson(camera));
  }
  if (parts.length === 4) {
    const kind = parts[3] as SimEventKind;
    if (!SIM_EVENT_KINDS.includes(kind)) return send(res, 404, { error: `unknown event ${parts[3]}`, events: SIM_EVENT_KINDS });
    if (!allow('POST')) return;
    if (camera.onvifPort === null) return send(res, 409, { error: 'this fleet runs without ONVIF' });
    const active = new URL(rawUrl, 'http://sim').searchParams.get('active') !== 'false';
    return send(res, 200, { id, event: kind, active, subscriptions: fleet.raiseEvent(id, kind, active) });
  }
  if (parts[2] === 'stats') {
    if (!allow('GET,HEAD')) return;
    return send(res, 200, { id, ...fleet.cameraStats(id) });
  }
  const action = parts[2] as Action;
  if (!ACTIONS.includes(action)) return send(res, 404, { error: `unknown action ${parts[2]}`, actions: ACTIONS });
  if (!allow('POST')) return;
  await runAction(fleet, id, action);
  return send(res, 200, cameraJson(camera));
}

export async function startControlApi(fleet: Fleet, opts: { host: string; port: number }): Promise<ControlApi> {
  const server = http.createServer((req, res) => {
    req.resume(); // bodies are not used
    handleControlRequest(fleet, req.method ?? 'GET', req.url ?? '/', res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, { error: (err as Error).message });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: opts.host, port: opts.port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address();
  const port = addr && typeof addr === 'object' ? addr.port : opts.port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
