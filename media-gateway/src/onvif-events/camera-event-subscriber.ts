/**
 * One camera's PullPoint subscription, as a loop:
 *
 *   find events service ─▶ subscribe ─▶ ┌─ renew when due ─┐
 *        ▲                              └─ long-poll pull ◀┘ ──(error)──▶ backoff ─▶ (find events service …)
 *        └───────── no events service: recheck after `unsupportedRecheckMs`
 *
 * Calls are sequential (one request in flight per camera), so a renewal never races a pull: the pull's Timeout is
 * shortened to end before the renewal is due. Any failure — subscription unknown (the camera rebooted), HTTP 4xx/5xx,
 * a timeout, a refused connection — drops the subscription and resubscribes after an exponential backoff with
 * jitter (reset by the first successful pull). A failed Renew resubscribes at once (some firmwares do not implement
 * Renew). Time comes from the injected Clock, so the whole machine runs on a fake one in tests.
 */
import type { Clock, TimerHandle } from '../platform/clock';
import { OnvifError } from '../onvif/onvif-device-client';
import type { EventDeviceClient } from '../onvif/onvif-event-client';
import type { OnvifEventKind, OnvifNotification, SubscriptionTimes } from '../onvif/onvif-event-messages';

export type SubscriberState = 'starting' | 'subscribed' | 'backoff' | 'unsupported' | 'stopped';

export interface SubscriberSettings {
  /** Requested subscription lifetime (InitialTerminationTime / Renew TerminationTime). */
  subscriptionSec: number;
  /** Renew this long before the subscription ends (at least half-way through its lifetime). */
  renewBeforeSec: number;
  /** Long-poll Timeout asked of the device. */
  pullTimeoutSec: number;
  /** A pull that came back empty sooner than this is followed by a pause (devices that do not long-poll). */
  minPullIntervalMs: number;
  messageLimit: number;
  backoffInitialMs: number;
  backoffMaxMs: number;
  /** A device without PullPoint events is asked again after this long (firmware upgrades happen). */
  unsupportedRecheckMs: number;
}

/** One motion/tamper state change, on the gateway's clock. */
export interface CameraEvent {
  cameraId: string;
  kind: OnvifEventKind;
  active: boolean;
  /** When the device says it happened, moved onto the gateway clock (and clamped to the last hour). */
  occurredAt: number;
  topic: string;
  /** Changed / Initialized … */
  propertyOperation: string | null;
  source: string | null;
}

/** Limits shared by all subscribers: at most N setups (find + subscribe + renew) and M long polls at once. */
export interface Slots {
  setup<T>(fn: () => Promise<T>): Promise<T>;
  pull<T>(fn: () => Promise<T>): Promise<T>;
}

export interface SubscriberSnapshot {
  state: SubscriberState;
  eventsUrl: string | null;
  subscribedAt: number | null;
  expiresAt: number | null;
  /** Successful CreatePullPointSubscription calls (the first one and every resubscription). */
  subscriptions: number;
  renewals: number;
  pulls: number;
  consecutiveFailures: number;
  lastError: string | null;
  lastErrorAt: number | null;
  nextAttemptAt: number | null;
  lastEvent: { kind: OnvifEventKind; active: boolean; at: number } | null;
  events: Record<OnvifEventKind, number>;
}

class Stopped extends Error {}

/** A `true` of the same kind under another topic within this window is the same event. */
export const SAME_EVENT_MS = 2000;

export class CameraEventSubscriber {
  private state: SubscriberState = 'starting';
  private stopped = false;
  private wake: (() => void) | null = null;
  private timer: TimerHandle | null = null;
  private loop: Promise<void> | null = null;
  private eventsUrl: string | null = null;
  private address: string | null = null;
  private subscribedAt: number | null = null;
  private expiresAt: number | null = null;
  private renewAt = 0;
  private subscriptions = 0;
  private renewals = 0;
  private pulls = 0;
  private failures = 0;
  private lastError: string | null = null;
  private lastErrorAt: number | null = null;
  private nextAttemptAt: number | null = null;
  private lastEvent: SubscriberSnapshot['lastEvent'] = null;
  private readonly events: Record<OnvifEventKind, number> = { motion: 0, tamper: 0 };
  /** Last known state per kind: an `Initialized` true that we already knew about raises nothing. */
  private readonly known: Partial<Record<OnvifEventKind, boolean>> = {};
  /** The last `true` per kind: the same event reported under a second topic moments later is one event. */
  private readonly lastActive: Partial<Record<OnvifEventKind, { topic: string; at: number }>> = {};

  constructor(
    readonly cameraId: string,
    private readonly client: EventDeviceClient,
    private readonly settings: SubscriberSettings,
    private readonly deps: {
      clock: Clock;
      slots: Slots;
      onEvent: (e: CameraEvent) => void;
      onError?: (cameraId: string, message: string) => void;
      random?: () => number;
    },
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  /**
   * Ends the loop (a long poll in flight is aborted) and resolves when it has; a live subscription gets a farewell
   * Unsubscribe, best effort within `unsubscribeTimeoutMs` (devices keep few pull points; 0 = none).
   */
  async stop(unsubscribeTimeoutMs = 0): Promise<void> {
    this.stopped = true;
    this.state = 'stopped';
    this.wake?.();
    this.client.abort();
    await this.loop;
    const live = this.address;
    this.address = null;
    this.expiresAt = null;
    if (live && unsubscribeTimeoutMs > 0) await this.client.unsubscribe(live, unsubscribeTimeoutMs).catch(() => undefined);
  }

  snapshot(): SubscriberSnapshot {
    return {
      state: this.state,
      eventsUrl: this.eventsUrl,
      subscribedAt: this.subscribedAt,
      expiresAt: this.expiresAt,
      subscriptions: this.subscriptions,
      renewals: this.renewals,
      pulls: this.pulls,
      consecutiveFailures: this.failures,
      lastError: this.lastError,
      lastErrorAt: this.lastErrorAt,
      nextAttemptAt: this.nextAttemptAt,
      lastEvent: this.lastEvent,
      events: { ...this.events },
    };
  }

  /** Delay before attempt n (1-based) after failures: initial · 2^(n−1), capped, ±20 % jitter. */
  backoffMs(n: number): number {
    const base = Math.min(this.settings.backoffMaxMs, this.settings.backoffInitialMs * 2 ** Math.min(n - 1, 30));
    const jitter = 0.8 + 0.4 * (this.deps.random ?? Math.random)();
    return Math.round(Math.min(this.settings.backoffMaxMs, base * jitter));
  }

  private now(): number {
    return this.deps.clock.now();
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = (): void => {
        if (this.timer) this.deps.clock.clearTimeout(this.timer);
        this.timer = null;
        this.wake = null;
        resolve();
      };
      this.wake = done;
      this.timer = this.deps.clock.setTimeout(done, Math.max(0, ms));
      this.timer.unref?.();
    });
  }

  private check(): void {
    if (this.stopped) throw new Stopped();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.session();
      } catch (err) {
        if (this.stopped || err instanceof Stopped) break;
        this.fail(err);
        if (this.renewFailed) {
          // The subscription could not be renewed: resubscribe at once (counted, but no waiting the first time).
          this.renewFailed = false;
          if (this.failures <= 1) continue;
        }
        const delay = this.backoffMs(this.failures);
        this.state = 'backoff';
        this.nextAttemptAt = this.now() + delay;
        await this.sleep(delay);
      }
    }
    this.state = 'stopped';
    this.nextAttemptAt = null;
  }

  private renewFailed = false;

  private fail(err: unknown): void {
    this.failures++;
    this.address = null;
    this.subscribedAt = null;
    this.expiresAt = null;
    this.lastError = (err instanceof Error ? err.message : String(err)).slice(0, 300);
    this.lastErrorAt = this.now();
    this.deps.onError?.(this.cameraId, this.lastError);
  }

  /** Lifetime of a subscription from one reply's two stamps (device clock), else what we asked for. */
  private setExpiry(t: SubscriptionTimes): void {
    const now = this.now();
    const asked = this.settings.subscriptionSec * 1000;
    const lifetime = t.lifetimeMs !== null && t.lifetimeMs > 0 ? Math.min(t.lifetimeMs, 24 * 3600_000) : asked;
    this.expiresAt = now + lifetime;
    this.renewAt = now + Math.max(lifetime - this.settings.renewBeforeSec * 1000, lifetime / 2);
  }

  private async session(): Promise<void> {
    this.state = this.subscriptions === 0 && this.failures === 0 ? 'starting' : this.state;
    this.nextAttemptAt = null;
    const eventsUrl = await this.deps.slots.setup(() => (this.check(), this.client.findEventsService()));
    this.check();
    this.eventsUrl = eventsUrl;
    if (eventsUrl === null) {
      this.state = 'unsupported';
      this.failures = 0;
      this.nextAttemptAt = this.now() + this.settings.unsupportedRecheckMs;
      await this.sleep(this.settings.unsupportedRecheckMs);
      return;
    }
    const sub = await this.deps.slots.setup(() => (this.check(), this.client.subscribe(eventsUrl, this.settings.subscriptionSec)));
    this.address = sub.address;
    this.check();
    this.subscriptions++;
    this.subscribedAt = this.now();
    this.setExpiry(sub);
    this.state = 'subscribed';
    let retriedNetwork = false;
    for (;;) {
      this.check();
      if (this.now() >= this.renewAt) await this.renew();
      const untilRenew = Math.floor((this.renewAt - this.now()) / 1000);
      const timeoutSec = Math.max(1, Math.min(this.settings.pullTimeoutSec, untilRenew));
      const started = this.now();
      let result;
      try {
        result = await this.deps.slots.pull(() => (this.check(), this.client.pull(sub.address, timeoutSec, this.settings.messageLimit)));
      } catch (err) {
        // A kept-alive connection the device closed just as we reused it: one immediate retry.
        if (!this.stopped && !retriedNetwork && err instanceof OnvifError && err.kind === 'network') {
          retriedNetwork = true;
          continue;
        }
        throw err;
      }
      this.check();
      retriedNetwork = false;
      this.pulls++;
      this.failures = 0;
      if (result.lifetimeMs !== null && result.lifetimeMs > 0) this.expiresAt = this.now() + result.lifetimeMs;
      for (const n of result.notifications) this.notify(n);
      const elapsed = this.now() - started;
      if (result.notifications.length === 0 && elapsed < this.settings.minPullIntervalMs) await this.sleep(this.settings.minPullIntervalMs - elapsed);
    }
  }

  private async renew(): Promise<void> {
    const address = this.address;
    if (!address) return;
    try {
      const t = await this.deps.slots.setup(() => (this.check(), this.client.renew(address, this.settings.subscriptionSec)));
      this.check();
      this.renewals++;
      this.setExpiry(t);
    } catch (err) {
      if (!this.stopped) this.renewFailed = true;
      throw err;
    }
  }

  private notify(n: OnvifNotification): void {
    if (n.kind === null || n.state === null) return;
    const previous = this.known[n.kind];
    this.known[n.kind] = n.state;
    const now = this.now();
    this.lastEvent = { kind: n.kind, active: n.state, at: now };
    // The state at subscription time: news only if we did not know it already (e.g. before a camera reboot).
    if (n.propertyOperation === 'Initialized' && previous === n.state) return;
    if (n.propertyOperation === 'Initialized' && !n.state) return;
    if (n.state) {
      // Hikvision reports one motion as both RuleEngine/CellMotionDetector/Motion and VideoSource/MotionAlarm.
      const last = this.lastActive[n.kind];
      if (last && last.topic !== n.topic && now - last.at < SAME_EVENT_MS) return;
      this.lastActive[n.kind] = { topic: n.topic, at: now };
      this.events[n.kind]++;
    }
    const deviceTime = n.utcTime === null ? null : n.utcTime - this.client.clockOffsetMs;
    const occurredAt = deviceTime === null || deviceTime > now || deviceTime < now - 3600_000 ? now : deviceTime;
    this.deps.onEvent({ cameraId: this.cameraId, kind: n.kind, active: n.state, occurredAt, topic: n.topic, propertyOperation: n.propertyOperation, source: n.source });
  }
}
