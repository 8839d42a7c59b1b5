/**
 * PTZ for registered cameras. A camera is steerable when it was registered with an ONVIF port and its device offers a
 * PTZ service (found on first use, cached per camera until the camera record changes). Requests to one camera are
 * sent strictly in order (a Stop never overtakes the move before it). Continuous moves are guarded by a dead-man
 * timer: without a new move for `autoStopMs`, the gateway stops the camera itself; each ContinuousMove also carries an
 * ONVIF Timeout, so even a gateway that dies mid-move leaves the camera stopping on its own.
 */
import type { PtzMove, PtzPresetDto, PtzStatusDto } from '../../../contracts/src/ptz';
import type { AuthUser } from '../auth/auth-user';
import type { CameraRecord } from '../db/camera-repository';
import type { AuditRepository } from '../db/audit-repository';
import { OnvifError } from '../onvif/onvif-device-client';
import type { SoapPoster } from '../onvif/soap-http';
import type { Clock } from '../platform/clock';
import { HttpError, conflict, notFound } from '../platform/errors';
import type { Logger } from '../platform/logger';
import { AutoStopTimers } from './auto-stop';
import { NoPtzError, PtzDevice } from '../onvif/ptz-device';

export interface PtzServiceOptions {
  /** Stop a camera this long after its last move request. */
  autoStopMs: number;
  /** Per SOAP request (connect takes a few). */
  requestTimeoutMs: number;
  maxReplyBytes: number;
  /** ONVIF Timeout sent with each ContinuousMove: the camera's own dead-man switch. */
  deviceMoveTimeoutSec: number;
  /** An identical move is re-sent to the camera at most this often (the rest only re-arm the timer). */
  resendSameMoveMs: number;
  /** "No PTZ on this camera" is remembered this long. */
  noPtzCacheMs: number;
}

export const DEFAULT_PTZ_OPTIONS: PtzServiceOptions = {
  autoStopMs: 1000,
  requestTimeoutMs: 4000,
  maxReplyBytes: 256 * 1024,
  deviceMoveTimeoutSec: 5,
  resendSameMoveMs: 2000,
  noPtzCacheMs: 60_000,
};

export interface PtzServiceDeps {
  cameras: { get(id: string): CameraRecord | null | undefined };
  decrypt: (enc: string) => string;
  audit: AuditRepository;
  clock: Clock;
  log: Logger;
  options?: Partial<PtzServiceOptions>;
  /** Tests may replace the HTTP leg. */
  post?: SoapPoster;
}

interface Entry {
  /** The camera record's updatedAt this entry was built from. */
  stamp: number;
  device: PtzDevice;
  queue: Promise<void>;
  lastMove: { key: string; at: number } | null;
  noPtz: { reason: string; until: number } | null;
}

interface Actor {
  user: AuthUser;
  ip: string;
}

const moveKey = (m: PtzMove): string => `${m.pan.toFixed(3)}/${m.tilt.toFixed(3)}/${m.zoom.toFixed(3)}`;
const isZero = (m: PtzMove): boolean => m.pan === 0 && m.tilt === 0 && m.zoom === 0;

/** Device failures as API errors: no PTZ → 409; the camera refused → 422; unreachable or broken → 502; slow → 504. */
export function ptzHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof NoPtzError) return conflict(`camera has no PTZ: ${err.message}`);
  if (err instanceof OnvifError) {
    if (err.kind === 'fault') return new HttpError(422, 'ptz_rejected', `the camera refused: ${err.message}`);
    if (err.kind === 'timeout') return new HttpError(504, 'ptz_timeout', `the camera did not answer in time (${err.message})`);
    if (err.kind === 'auth') return new HttpError(502, 'ptz_auth', 'the camera rejected the stored credentials');
    return new HttpError(502, 'ptz_device_error', `PTZ request failed: ${err.message}`);
  }
  return new HttpError(502, 'ptz_device_error', `PTZ request failed: ${(err as Error).message}`);
}

export class PtzService {
  private readonly entries = new Map<string, Entry>();
  private readonly timers: AutoStopTimers;
  private readonly o: PtzServiceOptions;
  private closed = false;

  constructor(private readonly deps: PtzServiceDeps) {
    this.o = { ...DEFAULT_PTZ_OPTIONS, ...deps.options };
    this.timers = new AutoStopTimers(deps.clock, this.o.autoStopMs, (id) => this.autoStop(id));
  }

  /** The device entry for a camera, rebuilt when its record changed; 404 / 409 as the API wants them. */
  private entry(cameraId: string): Entry {
    const cam = this.deps.cameras.get(cameraId);
    if (!cam) throw notFound('camera');
    if (cam.sourceType === 'rtmp-push' || cam.onvifPort === null) throw conflict('camera has no PTZ (not registered as an ONVIF device)');
    let e = this.entries.get(cameraId);
    if (!e || e.stamp !== cam.updatedAt) {
      let password: string | null = null;
      if (cam.passwordEnc) {
        try {
          password = this.deps.decrypt(cam.passwordEnc);
        } catch {
          throw new HttpError(502, 'ptz_auth', 'stored credentials cannot be decrypted (credential key changed?)');
        }
      }
      const host = cam.host.includes(':') && !cam.host.startsWith('[') ? `[${cam.host}]` : cam.host;
      const device = new PtzDevice(
        { host: cam.host, deviceServiceUrl: `http://${host}:${cam.onvifPort}/onvif/device_service`, credential: cam.username ? { username: cam.username, password: password ?? '' } : null },
        { timeoutMs: this.o.requestTimeoutMs, maxBytes: this.o.maxReplyBytes, post: this.deps.post, now: () => this.deps.clock.now() },
      );
      e = { stamp: cam.updatedAt, device, queue: Promise.resolve(), lastMove: null, noPtz: null };
      this.entries.set(cameraId, e);
    }
    if (e.noPtz && e.noPtz.until > this.deps.clock.now()) throw conflict(`camera has no PTZ: ${e.noPtz.reason}`);
    return e;
  }

  /** Run one device exchange in the camera's queue and translate failures. */
  private run<T>(e: Entry, fn: (d: PtzDevice) => Promise<T>): Promise<T> {
    const p = e.queue.then(() => fn(e.device));
    e.queue = p.then(
      () => undefined,
      () => undefined,
    );
    return p.catch((err: unknown) => {
      if (err instanceof NoPtzError) e.noPtz = { reason: err.message, until: this.deps.clock.now() + this.o.noPtzCacheMs };
      throw ptzHttpError(err);
    });
  }

  /** Whether the camera can be steered at all (connects on first use). */
  async check(cameraId: string): Promise<void> {
    const e = this.entry(cameraId);
    await this.run(e, (d) => d.ready().then(() => undefined));
  }

  async move(cameraId: string, m: PtzMove): Promise<void> {
    if (this.closed) throw new HttpError(503, 'shutting_down', 'gateway is shutting down');
    if (isZero(m)) return this.stop(cameraId);
    const e = this.entry(cameraId);
    const key = moveKey(m);
    const now = this.deps.clock.now();
    this.timers.arm(cameraId);
    // A held control repeats the same move several times a second: that only keeps the dead-man timer alive.
    if (e.lastMove && e.lastMove.key === key && now - e.lastMove.at < this.o.resendSameMoveMs) return;
    e.lastMove = { key, at: now };
    try {
      await this.run(e, (d) => d.move(m, this.o.deviceMoveTimeoutSec));
    } catch (err) {
      e.lastMove = null;
      this.timers.disarm(cameraId);
      throw err;
    }
  }

  async stop(cameraId: string): Promise<void> {
    const e = this.entry(cameraId);
    this.timers.disarm(cameraId);
    e.lastMove = null;
    await this.run(e, (d) => d.stop());
  }

  private autoStop(cameraId: string): void {
    const e = this.entries.get(cameraId);
    if (!e) return;
    e.lastMove = null;
    this.deps.log.info({ cameraId }, 'ptz: no move request within the auto-stop window; stopping the camera');
    this.run(e, (d) => d.stop()).catch((err: unknown) => this.deps.log.warn({ cameraId, err: (err as Error).message }, 'ptz: auto-stop failed'));
  }

  async status(cameraId: string): Promise<PtzStatusDto> {
    const r = await this.run(this.entry(cameraId), (d) => d.status());
    return { position: r.position, moving: r.moving };
  }

  async presets(cameraId: string): Promise<PtzPresetDto[]> {
    return this.run(this.entry(cameraId), (d) => d.presets());
  }

  async savePreset(actor: Actor, cameraId: string, name: string): Promise<PtzPresetDto> {
    const e = this.entry(cameraId);
    try {
      const token = await this.run(e, (d) => d.setPreset(name));
      this.audit(actor, 'ptz.preset-save', cameraId, 'ok', { token, name });
      return { token, name, position: null };
    } catch (err) {
      this.audit(actor, 'ptz.preset-save', cameraId, 'failed', { name, reason: (err as Error).message });
      throw err;
    }
  }

  async gotoPreset(actor: Actor, cameraId: string, token: string): Promise<void> {
    const e = this.entry(cameraId);
    this.timers.disarm(cameraId);
    e.lastMove = null;
    await this.run(e, (d) => d.gotoPreset(token));
    this.audit(actor, 'ptz.preset-goto', cameraId, 'ok', { token });
  }

  async removePreset(actor: Actor, cameraId: string, token: string): Promise<void> {
    const e = this.entry(cameraId);
    try {
      await this.run(e, (d) => d.removePreset(token));
      this.audit(actor, 'ptz.preset-remove', cameraId, 'ok', { token });
    } catch (err) {
      this.audit(actor, 'ptz.preset-remove', cameraId, 'failed', { token, reason: (err as Error).message });
      throw err;
    }
  }

  private audit(actor: Actor, action: string, cameraId: string, outcome: 'ok' | 'failed', details: Record<string, unknown>): void {
    this.deps.audit.append({ userId: actor.user.id, username: actor.user.username, action, targetType: 'camera', targetId: cameraId, outcome, ip: actor.ip, details });
  }

  /** Stop every camera still moving (best effort, bounded) and forget the devices. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const moving = this.timers.close();
    await Promise.race([
      Promise.allSettled(moving.map((id) => this.entries.get(id)?.device.stop())),
      new Promise((resolve) => setTimeout(resolve, 1500).unref()),
    ]);
    this.entries.clear();
  }
}
