import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../media-gateway/src/config/load-config';
import { startGateway, type Gateway } from '../../media-gateway/src/gateway';
import { seedDemoOrgUnits } from '../../scripts/demo/seed-demo';
import { startFleet, type CameraProfile, type Fleet, type ProfileMix, type SimCamera } from '../../scripts/sim/index';
import { LogCapture } from './log-capture';

export const ADMIN_PASSWORD = 'admin-test-pw-Z7q!';

export interface Harness {
  gw: Gateway;
  fleet: Fleet;
  logs: LogCapture;
  dataDir: string;
  adminToken: string;
  /** gateway camera id for each sim camera index */
  cameraIds: Map<number, string>;
  api<T = unknown>(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T; text: string }>;
  liveUrl(cameraId: string, profile?: 'sub' | 'main', token?: string): Promise<string>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  cameras: number;
  streams?: Record<string, unknown>;
  /** Register cameras with these passwords instead of the right ones (index → password). */
  wrongPasswords?: Record<number, string>;
  prewarm?: boolean;
  /** Serve the built console from this folder (e.g. renderer/dist), for browser tests of the UI. */
  rendererDir?: string;
  /** The background health check probes every registered camera; off unless a test wants it (some tests register non-loopback hosts). */
  health?: Record<string, unknown>;
  /** `cameras.*` config. The stream test on create is off unless a test wants it (some tests register unreachable or wrong-password cameras). */
  cameraConfig?: Record<string, unknown>;
  /** `rtmp.*` config (RTMP push ingest is off unless a test enables it). */
  rtmp?: Record<string, unknown>;
  /** `auth.*` config (session lifetimes, lockout), e.g. short TTLs for expiry tests. */
  auth?: Record<string, unknown>;
  /** `http.*` config (body limit, allowed origins). */
  http?: Record<string, unknown>;
  /** `db.*` config (busy timeout, storage-fault alarm delay). */
  db?: Record<string, unknown>;
  /** `alarms.*` config (coalescing, flap damping). */
  alarms?: Record<string, unknown>;
  /** `recording.*` config (root on a small volume, retention). */
  recording?: Record<string, unknown>;
  /** Run on this data dir (e.g. a small tmpfs) instead of a fresh temp dir; the caller owns it and removes it. */
  dataDir?: string;
  /** Simulated camera profiles (scripts/sim/camera-profile.ts): the mix (default uniform) and per-index overrides. */
  mix?: ProfileMix;
  profiles?: Record<number, Partial<CameraProfile>>;
  /** A fake DNS for stream URL host names (the gateway's `resolveHost` seam). */
  resolveHost?: (host: string) => Promise<string[]>;
}

export async function startHarness(opts: HarnessOptions): Promise<Harness> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'cvg-it-'));
  const fleet = await startFleet({
    cameras: opts.cameras,
    port: 0,
    controlPort: null,
    prewarm: opts.prewarm ?? true,
    mix: opts.mix ?? 'uniform',
    ...(opts.profiles ? { profiles: opts.profiles } : {}),
  });
  await fleet.prewarmDone;
  const logs = new LogCapture();
  const config = loadConfig({
    env: {},
    overrides: {
      dataDir,
      http1: true,
      port: 0,
      logLevel: 'debug',
      rendererDir: opts.rendererDir ?? null,
      // One failed check declares a camera offline here: the tests drive sweeps by hand and mean each one.
      health: { enabled: false, offlineAfterFailures: 1, ...opts.health },
      // The simulated fleet and the tests' fake servers listen on loopback (the gateway's own ports stay refused).
      cameras: { testOnCreate: false, allowedNetworks: ['127.0.0.0/8'], ...opts.cameraConfig },
      ...(opts.rtmp ? { rtmp: opts.rtmp } : {}),
      ...(opts.auth ? { auth: opts.auth } : {}),
      ...(opts.http ? { http: opts.http } : {}),
      ...(opts.db ? { db: opts.db } : {}),
      ...(opts.alarms ? { alarms: opts.alarms } : {}),
      ...(opts.recording ? { recording: opts.recording } : {}),
      streams: { idleStopSec: 6, stallTimeoutSec: 5, ioTimeoutSec: 3, backoffInitialMs: 500, backoffMaxMs: 2000, ...opts.streams },
    },
  });
  const gw = await startGateway(config, { logDestination: logs, env: { ADMIN_PASSWORD }, announce: () => {}, ...(opts.resolveHost ? { resolveHost: opts.resolveHost } : {}) });
  seedDemoOrgUnits(gw);

  const api: Harness['api'] = async (method, path, body, token) => {
    const res = await fetch(`${gw.url}${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed as never, text };
  };

  const login = await api<{ token: string }>('POST', '/api/v1/session', { username: 'admin', password: ADMIN_PASSWORD });
  if (login.status !== 200) throw new Error(`login failed: ${login.text}`);
  const adminToken = login.body.token;

  const cameraIds = new Map<number, string>();
  for (const cam of fleet.cameras) cameraIds.set(cam.index, await registerSimCamera(api, adminToken, cam, opts.wrongPasswords?.[cam.index]));

  const liveUrl: Harness['liveUrl'] = async (cameraId, profile = 'sub', token = adminToken) => {
    const res = await api<{ url: string }>('GET', `/api/v1/cameras/${cameraId}/live?profile=${profile}`, undefined, token);
    if (res.status !== 200) throw new Error(`live url failed: ${res.status} ${res.text}`);
    return res.body.url;
  };

  return {
    gw,
    fleet,
    logs,
    dataDir,
    adminToken,
    cameraIds,
    api,
    liveUrl,
    async close() {
      await gw.close();
      await fleet.close();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function registerSimCamera(api: Harness['api'], token: string, cam: SimCamera, password?: string): Promise<string> {
  const res = await api<{ id: string }>(
    'POST',
    '/api/v1/cameras',
    {
      name: `${cam.name} 测试点`,
      orgUnitId: '141130100',
      category: 1,
      sourceType: 'rtsp',
      host: cam.host,
      rtspPort: cam.port,
      mainStreamUri: cam.mainUrl,
      subStreamUri: cam.subUrl,
      username: cam.username,
      password: password ?? cam.password,
      videoCodec: 'h264',
    },
    token,
  );
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${res.text}`);
  return res.body.id;
}
