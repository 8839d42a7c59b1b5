/**
 * The simulated camera fleet: N camera endpoints (one listening socket each), one shared frame ticker, one clip
 * cache, and an optional HTTP control API for fault injection.
 */
import { simCameraIdentity, type Rgb } from './camera-identity';
import { resolveProfile, type CameraProfile, type ProfileMix } from './camera-profile';
import { ClipCache, type ClipCacheStats } from './clip-cache';
import { CLIP_FPS, type SimProfile } from './clip';
import { startControlApi, type ControlApi } from './control-api';
import { FrameTicker, now } from './pacer';
import { NonceIssuer } from './rtsp-digest';
import { CameraEndpoint, MAIN_PATH, SUB_PATH, type EndpointStats } from './rtsp-server';
import { OnvifDevice } from './onvif/onvif-device';
import type { SimEventKind } from './onvif/events-service';
import { onvifQuirks, simOnvifUuid, simOnvifIdentity } from './onvif/onvif-identity';
import { PtzState } from './ptz-state';

export const MAX_FLEET_CAMERAS = 880;
export const DEFAULT_RTSP_PORT = 8554;
export const DEFAULT_CONTROL_PORT = 8600;
export const DEFAULT_ONVIF_PORT = 8080;
export const WS_DISCOVERY_PORT = 3702;
export const DEFAULT_BASE_OCTETS: readonly [number, number] = [127, 1];

export type AddressMode = 'per-camera' | 'shared';
export type CameraState = 'running' | 'stopped' | 'stalled';

export interface FleetOptions {
  cameras: number;
  /** per-camera (default): camera i on its own loopback address, same port. shared: 127.0.0.1, port + i. */
  addressMode?: AddressMode;
  /** First two octets of per-camera addresses (default 127.1 → 127.1.X.Y). */
  baseOctets?: readonly [number, number];
  /** RTSP port (default 8554). In shared mode camera i listens on port + i. 0 = an ephemeral port per camera. */
  port?: number;
  /** Control API port on 127.0.0.1 (default 8600; 0 = ephemeral; null = no control API). */
  controlPort?: number | null;
  /** Clip cache directory (default $SIM_CACHE_DIR or ${XDG_CACHE_HOME:-~/.cache}/county-video-sim). */
  cacheDir?: string;
  /** Encode clips ahead: true = every camera, or a list of camera indices. Runs in the background (see prewarmDone). */
  prewarm?: boolean | readonly number[];
  maxConcurrentEncodes?: number;
  ffmpegPath?: string;
  log?: (msg: string) => void;
  /**
   * Also make every camera an ONVIF device (per-camera address mode only): WS-Discovery on <address>:3702 and the
   * SOAP services on <address>:port (default 8080; 0 = ephemeral). See onvif/README.md.
   */
  onvif?: { port?: number; discoveryPort?: number };
  /**
   * What kind of camera each one is (camera-profile.ts): `uniform` (default: GOP 1 s H.264, no audio, TCP only, as
   * every test before profiles expects) or `realistic` (a village mix, deterministic by index), then per-camera overrides
   * keyed by 1-based camera index.
   */
  mix?: ProfileMix;
  /** Sub streams carry a moving test picture at this bitrate (kbit/s) instead of a plain colour (load benchmarks). */
  busySubKbps?: number;
  profiles?: Record<number, Partial<CameraProfile>>;
}

export interface SimCamera {
  readonly id: string;
  readonly index: number;
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly password: string;
  /** RTSP URLs without credentials. */
  readonly mainUrl: string;
  readonly subUrl: string;
  readonly colour: Rgb;
  /** GOP, codecs, audio, transports and behaviour of this camera. */
  readonly profile: Readonly<CameraProfile>;
  /** ONVIF endpoint reference (`urn:uuid:…`), whether or not ONVIF is on. */
  readonly uuid: string;
  /** The ONVIF HTTP port, or null when the fleet runs without ONVIF. */
  readonly onvifPort: number | null;
  /** stopped wins over stalled; start() does not clear a stall and stop() does not clear broken auth. */
  readonly state: CameraState;
  readonly authBroken: boolean;
}

export interface FleetStats {
  cameras: number;
  listening: number;
  stalled: number;
  authBroken: number;
  connections: number;
  activeSessions: number;
  playingSessions: number;
  bytesSent: number;
  framesSent: number;
  framesSkipped: number;
  clips: ClipCacheStats;
}

export interface Fleet {
  readonly cameras: readonly SimCamera[];
  /** The control API's bound port, or null without one. */
  readonly controlPort: number | null;
  readonly controlUrl: string | null;
  readonly addressMode: AddressMode;
  /** Settles when the start-up prewarm (if any) finished. */
  readonly prewarmDone: Promise<void>;
  camera(id: string | number): SimCamera | undefined;
  /** Close the listener and drop every connection. */
  stop(id: string | number): Promise<void>;
  /** Listen again on the same address and port. */
  start(id: string | number): Promise<void>;
  /** Accept TCP but answer nothing; playing sessions stop sending. */
  stall(id: string | number): void;
  unstall(id: string | number): void;
  /** Answer every request needing credentials with 401. */
  breakAuth(id: string | number): void;
  fixAuth(id: string | number): void;
  /**
   * ONVIF fleets: queue a motion/tamper notification (State = `active`, default true) on every live PullPoint
   * subscription of the camera. Returns how many subscriptions got it (0 when nobody is subscribed).
   */
  raiseEvent(id: string | number, kind: SimEventKind, active?: boolean): number;
  stats(): FleetStats;
  /** Connections, sessions and traffic of one camera. */
  cameraStats(id: string | number): EndpointStats;
  /** The PTZ head of a camera (ONVIF fleets, cameras with i % 3 = 0), else undefined. */
  ptz(id: string | number): PtzState | undefined;
  /** Encode the given cameras' clips (default: all; both streams unless `profiles` names one) to the disk cache ahead of use. */
  prewarm(indices?: readonly number[], profiles?: readonly SimProfile[]): Promise<void>;
  close(): Promise<void>;
}

export class UnknownCameraError extends Error {}

/** Where camera i listens. Per-camera: 127.1.X.Y with X = floor((i-1)/250), Y = (i-1) % 250 + 1. */
export function cameraAddress(
  index: number,
  mode: AddressMode,
  port: number,
  baseOctets: readonly [number, number] = DEFAULT_BASE_OCTETS,
): { host: string; port: number } {
  if (mode === 'shared') return { host: '127.0.0.1', port: port === 0 ? 0 : port + index };
  const x = Math.floor((index - 1) / 250);
  const y = ((index - 1) % 250) + 1;
  return { host: `${baseOctets[0]}.${baseOctets[1]}.${x}.${y}`, port };
}

function cameraView(ep: CameraEndpoint, onvif: OnvifDevice | undefined): SimCamera {
  const id = ep.identity;
  return {
    id: id.id,
    index: id.index,
    name: id.name,
    host: ep.host,
    get port() {
      return ep.port;
    },
    username: id.username,
    password: id.password,
    get mainUrl() {
      return ep.urlFor(MAIN_PATH);
    },
    get subUrl() {
      return ep.urlFor(SUB_PATH);
    },
    colour: { ...id.colour },
    profile: ep.profile,
    uuid: simOnvifUuid(id.index),
    get onvifPort() {
      return onvif ? onvif.httpPort : null;
    },
    get state(): CameraState {
      if (!ep.listening) return 'stopped';
      return ep.stalled ? 'stalled' : 'running';
    },
    get authBroken() {
      return ep.authBroken;
    },
  };
}

function validate(opts: FleetOptions): void {
  const n = opts.cameras;
  if (!Number.isInteger(n) || n < 1 || n > MAX_FLEET_CAMERAS) throw new RangeError(`cameras must be 1..${MAX_FLEET_CAMERAS}`);
  const port = opts.port ?? DEFAULT_RTSP_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError('port must be 0..65535');
  if ((opts.addressMode ?? 'per-camera') === 'shared' && port !== 0 && port + n > 65535) {
    throw new RangeError(`shared mode needs ports ${port + 1}..${port + n}, beyond 65535`);
  }
  const cp = opts.controlPort;
  if (cp !== undefined && cp !== null && (!Number.isInteger(cp) || cp < 0 || cp > 65535)) throw new RangeError('controlPort must be 0..65535');
  const octets = opts.baseOctets ?? DEFAULT_BASE_OCTETS;
  if (octets.some((o) => !Number.isInteger(o) || o < 0 || o > 255)) throw new RangeError('baseOctets must be two integers 0..255');
  if (opts.onvif && (opts.addressMode ?? 'per-camera') === 'shared') throw new RangeError('onvif needs per-camera addresses (WS-Discovery is UDP 3702 on each)');
  for (const p of [opts.onvif?.port, opts.onvif?.discoveryPort]) {
    if (p !== undefined && (!Number.isInteger(p) || p < 0 || p > 65535)) throw new RangeError('onvif ports must be 0..65535');
  }
  if (opts.mix !== undefined && opts.mix !== 'uniform' && opts.mix !== 'realistic') throw new RangeError('mix must be uniform or realistic');
  for (const key of Object.keys(opts.profiles ?? {})) {
    const i = Number(key);
    if (!Number.isInteger(i) || i < 1 || i > n) throw new RangeError(`profiles: no camera ${key} in a fleet of ${n}`);
  }
}

/** Every camera's resolved profile (index 1 at position 0); throws naming the camera and field on a bad override. */
export function fleetProfiles(cameras: number, mix: ProfileMix = 'uniform', overrides: Record<number, Partial<CameraProfile>> = {}): CameraProfile[] {
  return Array.from({ length: cameras }, (_, k) => Object.freeze(resolveProfile(k + 1, mix, overrides[k + 1])));
}

/** The control port: the default moves out of the way of shared-mode camera ports; an explicit clash is an error. */
function resolveControlPort(opts: FleetOptions, mode: AddressMode, port: number): number | null {
  if (opts.controlPort === null) return null;
  const n = opts.cameras;
  const clashes = (p: number): boolean => mode === 'shared' && port !== 0 && p > port && p <= port + n;
  if (opts.controlPort === undefined) return clashes(DEFAULT_CONTROL_PORT) ? port + n + 1 : DEFAULT_CONTROL_PORT;
  if (clashes(opts.controlPort)) throw new RangeError(`control port ${opts.controlPort} clashes with camera ports ${port + 1}..${port + n}`);
  return opts.controlPort;
}

function listenHint(err: NodeJS.ErrnoException, host: string, port: number): Error {
  if (err.code === 'EADDRINUSE') return new Error(`${host}:${port} is in use (another simulator running?)`, { cause: err });
  if (err.code === 'EADDRNOTAVAIL') {
    return new Error(`cannot bind ${host}: this OS has no such loopback address (try addressMode 'shared')`, { cause: err });
  }
  return err;
}

export async function startFleet(opts: FleetOptions): Promise<Fleet> {
  validate(opts);
  const log = opts.log ?? (() => {});
  const mode = opts.addressMode ?? 'per-camera';
  const port = opts.port ?? DEFAULT_RTSP_PORT;
  const controlPort = resolveControlPort(opts, mode, port);
  const profiles = fleetProfiles(opts.cameras, opts.mix, opts.profiles);
  const profileOf = (i: number): CameraProfile => {
    const p = profiles[i - 1];
    if (!p) throw new RangeError(`no camera ${i}`);
    return p;
  };
  const clips = new ClipCache({ cacheDir: opts.cacheDir, maxConcurrentEncodes: opts.maxConcurrentEncodes, ffmpegPath: opts.ffmpegPath, log, profileOf, busySubKbps: opts.busySubKbps });
  const ticker = new FrameTicker();
  const nonces = new NonceIssuer();
  const epochMs = now();
  const phaseFrame = (): number => Math.floor((now() - epochMs) / (1000 / CLIP_FPS));

  // PTZ cameras (ONVIF only): a head per camera; the picture follows it, cells encoded ahead once someone watches.
  const heads = new Map<number, PtzState>();
  const warmed = new Set<string>();
  const endpoints: CameraEndpoint[] = [];
  for (let i = 1; i <= opts.cameras; i++) {
    const addr = cameraAddress(i, mode, port, opts.baseOctets);
    const head = opts.onvif && onvifQuirks(i).ptz ? new PtzState() : null;
    if (head) heads.set(i, head);
    const ptz = head
      ? {
          cell: () => head.cell(),
          warm: (profile: 'main' | 'sub') => {
            if (warmed.has(`${i}/${profile}`)) return;
            warmed.add(`${i}/${profile}`);
            void clips.prewarmPtz(i, profile);
          },
        }
      : undefined;
    endpoints.push(
      new CameraEndpoint({ identity: simCameraIdentity(i), profile: profileOf(i), host: addr.host, port: addr.port, clips, ticker, nonces, log, phaseFrame, ptz }),
    );
  }
  const byId = new Map(endpoints.map((e) => [e.identity.id, e]));
  const onvifDevices = opts.onvif
    ? endpoints.map(
        (ep) =>
          new OnvifDevice({
            camera: ep.identity,
            onvif: simOnvifIdentity(ep.identity.index),
            host: ep.host,
            httpPort: opts.onvif?.port ?? DEFAULT_ONVIF_PORT,
            discoveryPort: opts.onvif?.discoveryPort ?? WS_DISCOVERY_PORT,
            streamUrls: () => ({ main: ep.urlFor(MAIN_PATH), sub: ep.urlFor(SUB_PATH) }),
            authBroken: () => ep.authBroken,
            colour: ep.identity.colour,
            nonces,
            log,
            ptz: heads.get(ep.identity.index),
          }),
      )
    : [];
  const cameras = endpoints.map((ep, i) => cameraView(ep, onvifDevices[i]));

  const teardown = async (): Promise<void> => {
    await Promise.all(onvifDevices.map((d) => d.close()));
    await Promise.all(endpoints.map((e) => e.close()));
    ticker.close();
    clips.close();
  };

  const results = await Promise.allSettled(endpoints.map((e) => e.listen()));
  const failedAt = results.findIndex((r) => r.status === 'rejected');
  if (failedAt >= 0) {
    await teardown();
    const ep = endpoints[failedAt];
    const reason = (results[failedAt] as PromiseRejectedResult).reason as NodeJS.ErrnoException;
    throw ep ? listenHint(reason, ep.host, ep.port) : reason;
  }
  if (onvifDevices.length) {
    const started = now();
    const onvifResults = await Promise.allSettled(onvifDevices.map((d) => d.listen()));
    const bad = onvifResults.findIndex((r) => r.status === 'rejected');
    if (bad >= 0) {
      await teardown();
      const ep = endpoints[bad]!;
      throw listenHint((onvifResults[bad] as PromiseRejectedResult).reason as NodeJS.ErrnoException, ep.host, opts.onvif?.port ?? DEFAULT_ONVIF_PORT);
    }
    log(`sim: ${onvifDevices.length} ONVIF devices (UDP ${WS_DISCOVERY_PORT} + HTTP) up in ${(now() - started).toFixed(0)} ms`);
  }

  const endpoint = (id: string | number): CameraEndpoint => {
    const ep = typeof id === 'number' ? endpoints[id - 1] : byId.get(id);
    if (!ep) throw new UnknownCameraError(`unknown camera ${id}`);
    return ep;
  };

  let closed = false;
  let control: ControlApi | null = null;
  let prewarmDone: Promise<void> = Promise.resolve();
  const prewarm = async (indices?: readonly number[], profiles?: readonly SimProfile[]): Promise<void> => {
    const list = indices ?? endpoints.map((e) => e.identity.index);
    const bad = list.find((i) => !Number.isInteger(i) || i < 1 || i > endpoints.length);
    if (bad !== undefined) throw new RangeError(`prewarm: no camera ${bad} in a fleet of ${endpoints.length}`);
    await clips.prewarm(list, profiles);
  };

  const fleet: Fleet = {
    cameras,
    get controlPort() {
      return control?.port ?? null;
    },
    get controlUrl() {
      return control ? `http://127.0.0.1:${control.port}` : null;
    },
    addressMode: mode,
    get prewarmDone() {
      return prewarmDone;
    },
    camera: (id) => {
      try {
        return cameras[endpoint(id).identity.index - 1];
      } catch {
        return undefined;
      }
    },
    stop: async (id) => {
      const ep = endpoint(id);
      await onvifDevices[ep.identity.index - 1]?.close();
      await ep.close();
      log(`sim: ${ep.identity.id} stopped`);
    },
    start: async (id) => {
      const ep = endpoint(id);
      try {
        await ep.listen();
        await onvifDevices[ep.identity.index - 1]?.listen();
      } catch (err) {
        throw listenHint(err as NodeJS.ErrnoException, ep.host, ep.port);
      }
      log(`sim: ${ep.identity.id} started`);
    },
    stall: (id) => {
      endpoint(id).stall();
      log(`sim: ${id} stalled`);
    },
    unstall: (id) => {
      endpoint(id).unstall();
      log(`sim: ${id} unstalled`);
    },
    breakAuth: (id) => {
      endpoint(id).authBroken = true;
      log(`sim: ${id} auth broken`);
    },
    fixAuth: (id) => {
      endpoint(id).authBroken = false;
      log(`sim: ${id} auth fixed`);
    },
    raiseEvent: (id, kind, active = true) => {
      const device = onvifDevices[endpoint(id).identity.index - 1];
      if (!device) throw new Error('raiseEvent needs a fleet started with onvif');
      const n = device.raiseEvent(kind, active);
      log(`sim: ${id} ${kind} ${active} → ${n} subscription(s)`);
      return n;
    },
    stats: () => {
      const s = { connections: 0, activeSessions: 0, playingSessions: 0, bytesSent: 0, framesSent: 0, framesSkipped: 0 };
      for (const e of endpoints) {
        const es = e.stats();
        s.connections += es.connections;
        s.activeSessions += es.sessions;
        s.playingSessions += es.playing;
        s.bytesSent += es.bytesSent;
        s.framesSent += es.framesSent;
        s.framesSkipped += es.framesSkipped;
      }
      return {
        cameras: endpoints.length,
        listening: endpoints.filter((e) => e.listening).length,
        stalled: endpoints.filter((e) => e.stalled).length,
        authBroken: endpoints.filter((e) => e.authBroken).length,
        ...s,
        clips: clips.stats(),
      };
    },
    cameraStats: (id) => endpoint(id).stats(),
    ptz: (id) => heads.get(endpoint(id).identity.index),
    prewarm,
    close: async () => {
      if (closed) return;
      closed = true;
      await control?.close();
      await teardown();
    },
  };

  if (controlPort !== null) {
    try {
      control = await startControlApi(fleet, { host: '127.0.0.1', port: controlPort });
    } catch (err) {
      await teardown();
      throw listenHint(err as NodeJS.ErrnoException, '127.0.0.1', controlPort);
    }
  }

  if (opts.prewarm) {
    const list = opts.prewarm === true ? undefined : opts.prewarm;
    const started = now();
    prewarmDone = prewarm(list).then(
      () => log(`sim: prewarm finished in ${((now() - started) / 1000).toFixed(1)} s`),
      (err: unknown) => {
        if (!closed) log(`sim: prewarm failed: ${(err as Error).message}`);
      },
    );
  }
  return fleet;
}
