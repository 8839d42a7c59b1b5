/**
 * ONVIF events for every registered camera that has an ONVIF port: one CameraEventSubscriber per camera, all sharing
 * two limits (setups at once, long polls at once) and one keep-alive HTTP agent. The camera list is reconciled on an
 * interval (new cameras start, deleted ones stop, a changed address or credential restarts). A motion/tamper
 * `State=true` becomes an alarm through the alarms module (source `onvif`, coalesced there, snapshot taken there);
 * `State=false` only updates the camera's status here (the alarms module has no "event ended").
 */
import http from 'node:http';
import type { AlarmSeverity } from '../../../contracts/src/alarm';
import type { CameraRecord } from '../db/camera-repository';
import type { Clock, TimerHandle } from '../platform/clock';
import type { Logger } from '../platform/logger';
import { CameraEventSubscriber, type CameraEvent, type Slots, type SubscriberSettings, type SubscriberSnapshot } from './camera-event-subscriber';
import { OnvifEventClient, type EventDeviceClient } from '../onvif/onvif-event-client';
import type { OnvifEventKind } from '../onvif/onvif-event-messages';

export interface OnvifEventsConfig {
  enabled: boolean;
  pullTimeoutSec: number;
  minPullIntervalMs: number;
  messageLimit: number;
  subscriptionSec: number;
  renewBeforeSec: number;
  requestTimeoutMs: number;
  backoffInitialMs: number;
  backoffMaxMs: number;
  unsupportedRecheckSec: number;
  rescanSec: number;
  setupConcurrency: number;
  maxConcurrentPulls: number;
}

export const EVENT_ALARM: Record<OnvifEventKind, { type: string; severity: AlarmSeverity }> = {
  motion: { type: 'motion', severity: 'minor' },
  tamper: { type: 'tamper', severity: 'major' },
};

const MAX_REPLY_BYTES = 512 * 1024;
const PULL_SLACK_MS = 5000;
const UNSUBSCRIBE_TIMEOUT_MS = 1000;

/** A counting semaphore: at most `limit` of the given functions run at once, the rest wait in order. */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly limit: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }

  get inUse(): number {
    return this.active;
  }
}

export interface OnvifEventCameraStatus extends Omit<SubscriberSnapshot, 'subscribedAt' | 'expiresAt' | 'lastErrorAt' | 'nextAttemptAt' | 'lastEvent'> {
  cameraId: string;
  cameraName: string;
  orgUnitId: string;
  subscribedAt: string | null;
  expiresAt: string | null;
  lastErrorAt: string | null;
  nextAttemptAt: string | null;
  lastEvent: { kind: OnvifEventKind; active: boolean; at: string } | null;
}

export interface OnvifEventsStatus {
  enabled: boolean;
  /** Cameras with an ONVIF port being followed. */
  total: number;
  subscribed: number;
  /** Long polls in flight right now. */
  activePulls: number;
  items: OnvifEventCameraStatus[];
}

export interface OnvifEventServiceDeps {
  cameras: { listAll(): CameraRecord[]; get(id: string): CameraRecord | null };
  /** Decrypted camera password, or null (none stored, or undecryptable). */
  passwordOf: (camera: CameraRecord) => string | null;
  /** The alarms module's raise for camera events (AlarmService.raiseCameraEvent). */
  raise: (cameraId: string, e: { type: string; severity: AlarmSeverity; source: 'onvif'; detail: string | null; occurredAt?: number }) => unknown;
  clock: Clock;
  log: Logger;
  config: OnvifEventsConfig;
  /** Tests: a fake device client per camera. */
  createClient?: (camera: CameraRecord, deviceServiceUrl: string, password: string | null) => EventDeviceClient;
  random?: () => number;
}

interface Entry {
  key: string;
  subscriber: CameraEventSubscriber;
  name: string;
  orgUnitId: string;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function deviceServiceUrl(camera: Pick<CameraRecord, 'host' | 'onvifPort'>): string {
  const host = camera.host.includes(':') && !camera.host.startsWith('[') ? `[${camera.host}]` : camera.host;
  return `http://${host}:${camera.onvifPort}/onvif/device_service`;
}

/** Whether a camera is followed: an RTSP/ONVIF camera with a host and an ONVIF port. */
export function followsEvents(c: CameraRecord): boolean {
  return c.sourceType !== 'rtmp-push' && c.onvifPort !== null && c.host.trim() !== '';
}

export class OnvifEventService {
  private readonly entries = new Map<string, Entry>();
  private readonly setupSlots: Semaphore;
  private readonly pullSlots: Semaphore;
  private readonly agent: http.Agent;
  private timer: TimerHandle | null = null;
  private closed = false;

  constructor(private readonly d: OnvifEventServiceDeps) {
    const c = d.config;
    this.setupSlots = new Semaphore(c.setupConcurrency);
    this.pullSlots = new Semaphore(c.maxConcurrentPulls);
    // One socket per camera is all a sequential subscriber ever uses; a spare for the digest retry.
    this.agent = new http.Agent({ keepAlive: true, keepAliveMsecs: 1000, maxSockets: 2, maxFreeSockets: 1, maxTotalSockets: c.maxConcurrentPulls + c.setupConcurrency + 8 });
  }

  start(): void {
    if (!this.d.config.enabled || this.timer || this.closed) return;
    const tick = (): void => {
      if (this.closed) return;
      try {
        this.reconcile();
      } catch (err) {
        this.d.log.error({ err: (err as Error).message }, 'onvif events: reconcile failed');
      }
      this.timer = this.d.clock.setTimeout(tick, this.d.config.rescanSec * 1000);
      this.timer.unref?.();
    };
    tick();
  }

  /** Bring the subscribers in line with the cameras table now (also runs every `rescanSec`). */
  reconcile(): void {
    if (this.closed || !this.d.config.enabled) return;
    const wanted = new Map<string, CameraRecord>();
    for (const c of this.d.cameras.listAll()) if (followsEvents(c)) wanted.set(c.id, c);
    for (const [id, entry] of this.entries) {
      const camera = wanted.get(id);
      if (!camera || this.keyOf(camera) !== entry.key) this.drop(id);
      else {
        entry.name = camera.name;
        entry.orgUnitId = camera.orgUnitId;
      }
    }
    for (const camera of wanted.values()) if (!this.entries.has(camera.id)) this.follow(camera);
  }

  status(visible: (orgUnitId: string) => boolean): OnvifEventsStatus {
    const items: OnvifEventCameraStatus[] = [];
    for (const [cameraId, e] of this.entries) {
      if (!visible(e.orgUnitId)) continue;
      const s = e.subscriber.snapshot();
      items.push({
        ...s,
        cameraId,
        cameraName: e.name,
        orgUnitId: e.orgUnitId,
        subscribedAt: iso(s.subscribedAt),
        expiresAt: iso(s.expiresAt),
        lastErrorAt: iso(s.lastErrorAt),
        nextAttemptAt: iso(s.nextAttemptAt),
        lastEvent: s.lastEvent ? { ...s.lastEvent, at: new Date(s.lastEvent.at).toISOString() } : null,
      });
    }
    items.sort((a, b) => a.cameraName.localeCompare(b.cameraName) || a.cameraId.localeCompare(b.cameraId));
    return { enabled: this.d.config.enabled, total: items.length, subscribed: items.filter((i) => i.state === 'subscribed').length, activePulls: this.pullSlots.inUse, items };
  }

  /** Stop every subscriber (long polls aborted, live subscriptions unsubscribed best effort). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) this.d.clock.clearTimeout(this.timer);
    this.timer = null;
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(all.map((e) => e.subscriber.stop(UNSUBSCRIBE_TIMEOUT_MS)));
    this.agent.destroy();
  }

  private keyOf(c: CameraRecord): string {
    return JSON.stringify([c.host, c.onvifPort, c.username, c.passwordEnc]);
  }

  private follow(camera: CameraRecord): void {
    const c = this.d.config;
    const url = deviceServiceUrl(camera);
    const password = this.d.passwordOf(camera);
    const client =
      this.d.createClient?.(camera, url, password) ??
      new OnvifEventClient({
        deviceServiceUrl: url,
        credential: camera.username ? { username: camera.username, password: password ?? '' } : null,
        requestTimeoutMs: c.requestTimeoutMs,
        pullSlackMs: PULL_SLACK_MS,
        maxBytes: MAX_REPLY_BYTES,
        agent: this.agent,
      });
    const settings: SubscriberSettings = {
      subscriptionSec: c.subscriptionSec,
      renewBeforeSec: c.renewBeforeSec,
      pullTimeoutSec: c.pullTimeoutSec,
      minPullIntervalMs: c.minPullIntervalMs,
      messageLimit: c.messageLimit,
      backoffInitialMs: c.backoffInitialMs,
      backoffMaxMs: c.backoffMaxMs,
      unsupportedRecheckMs: c.unsupportedRecheckSec * 1000,
    };
    const slots: Slots = { setup: (fn) => this.setupSlots.run(fn), pull: (fn) => this.pullSlots.run(fn) };
    const subscriber = new CameraEventSubscriber(camera.id, client, settings, {
      clock: this.d.clock,
      slots,
      random: this.d.random,
      onEvent: (e) => this.onEvent(e),
      onError: (cameraId, message) => this.d.log.debug({ cameraId, err: message }, 'onvif events: subscription failed'),
    });
    this.entries.set(camera.id, { key: this.keyOf(camera), subscriber, name: camera.name, orgUnitId: camera.orgUnitId });
    subscriber.start();
  }

  private drop(cameraId: string): void {
    const entry = this.entries.get(cameraId);
    if (!entry) return;
    this.entries.delete(cameraId);
    void entry.subscriber.stop(UNSUBSCRIBE_TIMEOUT_MS);
  }

  private onEvent(e: CameraEvent): void {
    if (!e.active) {
      this.d.log.debug({ cameraId: e.cameraId, kind: e.kind }, 'onvif event ended');
      return;
    }
    const alarm = EVENT_ALARM[e.kind];
    const detail = `${e.topic}${e.source ? ` (${e.source})` : ''}`.slice(0, 300);
    try {
      this.d.raise(e.cameraId, { type: alarm.type, severity: alarm.severity, source: 'onvif', detail, occurredAt: e.occurredAt });
    } catch (err) {
      // An alarm problem must never stop the subscription.
      this.d.log.error({ cameraId: e.cameraId, kind: e.kind, err: (err as Error).message }, 'onvif event alarm failed');
    }
  }
}
