import { describe, expect, it } from 'vitest';
import { OnvifError } from '../onvif/onvif-device-client';
import type { Clock, TimerHandle } from '../platform/clock';
import { CameraEventSubscriber, type CameraEvent, type SubscriberSettings } from './camera-event-subscriber';
import type { EventDeviceClient } from '../onvif/onvif-event-client';
import type { OnvifNotification, PullMessagesResult } from '../onvif/onvif-event-messages';
import { Semaphore } from './onvif-event-service';

/** Timers fire only when the test advances time; promise chains settle between timers. */
class FakeClock implements Clock {
  t = 0;
  private seq = 0;
  private timers: Array<{ at: number; seq: number; fn: () => void; unref: () => unknown }> = [];
  now = (): number => this.t;
  setTimeout = (fn: () => void, ms: number): TimerHandle => {
    const h = { at: this.t + Math.max(0, ms), seq: this.seq++, fn, unref: () => h };
    this.timers.push(h);
    return h;
  };
  clearTimeout = (h: TimerHandle): void => {
    this.timers = this.timers.filter((x) => x !== h);
  };
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      await settle();
      const due = this.timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((x) => x !== due);
      this.t = due.at;
      due.fn();
    }
    this.t = end;
    await settle();
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
}

const note = (kind: 'motion' | 'tamper', state: boolean, op = 'Changed', topic = kind === 'motion' ? 'tns1:VideoSource/MotionAlarm' : 'tns1:VideoSource/GlobalSceneChange/ImagingService'): OnvifNotification => ({
  topic,
  kind,
  state,
  utcTime: null,
  propertyOperation: op,
  source: 'VideoSource_1',
});

/** A device on the fake clock: long polls that wait their Timeout, a switch to take it down, a log of calls. */
class FakeDevice implements EventDeviceClient {
  clockOffsetMs = 0;
  down = false;
  events: 'yes' | 'no' = 'yes';
  renewFails = false;
  lifetimeMs = 60_000;
  current: string | null = null;
  private n = 0;
  queue: OnvifNotification[] = [];
  calls: Array<{ op: string; at: number; arg?: number }> = [];
  private waiting: { resolve: (r: PullMessagesResult) => void; reject: (e: Error) => void; timer: TimerHandle } | null = null;

  constructor(private readonly clock: FakeClock) {}

  private log(op: string, arg?: number): void {
    this.calls.push({ op, at: this.clock.now(), arg });
  }

  private times() {
    return { currentTime: 1_000_000, terminationTime: 1_000_000 + this.lifetimeMs, lifetimeMs: this.lifetimeMs };
  }

  reboot(): void {
    this.current = null;
    this.fail(new OnvifError('network', 'PullMessages: ECONNRESET'));
  }

  push(...n: OnvifNotification[]): void {
    this.queue.push(...n);
    const w = this.waiting;
    if (w) {
      this.waiting = null;
      this.clock.clearTimeout(w.timer);
      w.resolve({ currentTime: null, terminationTime: null, lifetimeMs: null, notifications: this.queue.splice(0) });
    }
  }

  private fail(err: Error): void {
    const w = this.waiting;
    this.waiting = null;
    if (w) {
      this.clock.clearTimeout(w.timer);
      w.reject(err);
    }
  }

  async findEventsService(): Promise<string | null> {
    this.log('find');
    if (this.down) throw new OnvifError('network', 'GetSystemDateAndTime: ECONNREFUSED');
    return this.events === 'yes' ? 'http://cam/onvif/Events' : null;
  }

  async subscribe(): Promise<{ address: string; currentTime: number; terminationTime: number; lifetimeMs: number }> {
    this.log('subscribe');
    if (this.down) throw new OnvifError('network', 'CreatePullPointSubscription: ECONNREFUSED');
    this.current = `http://cam/sub/${++this.n}`;
    return { address: this.current, ...this.times() };
  }

  pull(address: string, timeoutSec: number): Promise<PullMessagesResult> {
    this.log('pull', timeoutSec);
    if (this.down) return Promise.reject(new OnvifError('network', 'PullMessages: ECONNREFUSED'));
    if (address !== this.current) return Promise.reject(new OnvifError('fault', 'PullMessages: SOAP fault Sender/ResourceUnknown'));
    if (this.queue.length) return Promise.resolve({ currentTime: null, terminationTime: null, lifetimeMs: null, notifications: this.queue.splice(0) });
    return new Promise((resolve, reject) => {
      const timer = this.clock.setTimeout(() => {
        this.waiting = null;
        resolve({ currentTime: null, terminationTime: null, lifetimeMs: null, notifications: [] });
      }, timeoutSec * 1000);
      this.waiting = { resolve, reject, timer };
    });
  }

  async renew(address: string): Promise<{ currentTime: number; terminationTime: number; lifetimeMs: number }> {
    this.log('renew');
    if (this.renewFails || address !== this.current) throw new OnvifError('fault', 'Renew: SOAP fault Receiver/ActionNotSupported');
    return this.times();
  }

  async unsubscribe(address: string): Promise<void> {
    this.log('unsubscribe');
    if (address === this.current) this.current = null;
  }

  abort(): void {
    this.fail(new OnvifError('aborted', 'aborted'));
  }
}

const SETTINGS: SubscriberSettings = {
  subscriptionSec: 60,
  renewBeforeSec: 15,
  pullTimeoutSec: 10,
  minPullIntervalMs: 1000,
  messageLimit: 64,
  backoffInitialMs: 1000,
  backoffMaxMs: 8000,
  unsupportedRecheckMs: 600_000,
};

function setup(settings: Partial<SubscriberSettings> = {}) {
  const clock = new FakeClock();
  const device = new FakeDevice(clock);
  const events: CameraEvent[] = [];
  const slots = { setup: <T>(fn: () => Promise<T>) => fn(), pull: <T>(fn: () => Promise<T>) => fn() };
  // random 0.5 → jitter factor exactly 1: delays are initial · 2^(n−1).
  const sub = new CameraEventSubscriber('cam-1', device, { ...SETTINGS, ...settings }, { clock, slots, onEvent: (e) => events.push(e), random: () => 0.5 });
  return { clock, device, events, sub };
}

const at = (device: FakeDevice, op: string) => device.calls.filter((c) => c.op === op).map((c) => c.at);

describe('CameraEventSubscriber (fake clock)', () => {
  it('subscribes, long-polls, and renews before the subscription ends, shortening the poll to meet the renewal', async () => {
    const { clock, device, sub } = setup();
    sub.start();
    await clock.advance(0);
    expect(sub.snapshot()).toMatchObject({ state: 'subscribed', subscriptions: 1, eventsUrl: 'http://cam/onvif/Events', expiresAt: 60_000 });
    await clock.advance(100_000);
    // Lifetime 60 s, renew 15 s before the end: at 45 s, then every 45 s. Polls of 10 s, the one before a renewal cut to 5 s.
    expect(at(device, 'renew')).toEqual([45_000, 90_000]);
    expect(device.calls.filter((c) => c.op === 'pull').slice(0, 6).map((c) => c.arg)).toEqual([10, 10, 10, 10, 5, 10]);
    expect(at(device, 'subscribe')).toEqual([0]);
    expect(sub.snapshot()).toMatchObject({ renewals: 2, consecutiveFailures: 0, lastError: null });
    await sub.stop();
  });

  it('renews half-way through a subscription shorter than twice the margin', async () => {
    const { clock, device, sub } = setup();
    device.lifetimeMs = 20_000;
    sub.start();
    await clock.advance(25_000);
    expect(at(device, 'renew')).toEqual([10_000, 20_000]);
    await sub.stop();
  });

  it('resubscribes after the camera restarts, backing off 1 s, 2 s, 4 s while it is down (reset once a pull succeeds)', async () => {
    const { clock, device, sub } = setup();
    sub.start();
    await clock.advance(3000);
    device.down = true;
    device.reboot();
    await clock.advance(0);
    // The pull failed, was retried once at once (a kept-alive connection may just have died), then failed again.
    expect(sub.snapshot()).toMatchObject({ state: 'backoff', consecutiveFailures: 1, nextAttemptAt: 4000, expiresAt: null });
    expect(sub.snapshot().lastError).toMatch(/ECONNREFUSED/);
    await clock.advance(6000); // attempts at 4 s and 6 s fail; the next is due at 10 s
    expect(at(device, 'find')).toEqual([0, 4000, 6000]);
    expect(sub.snapshot()).toMatchObject({ consecutiveFailures: 3, nextAttemptAt: 10_000 });
    device.down = false;
    await clock.advance(1000);
    expect(at(device, 'subscribe')).toEqual([0, 10_000]);
    expect(sub.snapshot()).toMatchObject({ state: 'subscribed', subscriptions: 2 });
    await clock.advance(10_000); // first successful pull
    expect(sub.snapshot()).toMatchObject({ consecutiveFailures: 0 });
    await sub.stop();
  });

  it('a subscription the device no longer knows (fault) is replaced after the first backoff step', async () => {
    const { clock, device, sub } = setup();
    sub.start();
    await clock.advance(12_000);
    device.current = 'http://cam/sub/forgotten'; // e.g. rebooted between two polls
    await clock.advance(8000); // the poll in flight ends at 20 s, the next one is refused
    expect(sub.snapshot()).toMatchObject({ state: 'backoff', consecutiveFailures: 1 });
    await clock.advance(1000);
    expect(at(device, 'subscribe')).toEqual([0, 21_000]);
    await sub.stop();
  });

  it('backoff is capped and jittered ±20 %', () => {
    const { sub } = setup();
    expect([1, 2, 3, 4, 5, 9].map((n) => sub.backoffMs(n))).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
    const low = new CameraEventSubscriber('c', new FakeDevice(new FakeClock()), SETTINGS, { clock: new FakeClock(), slots: { setup: (f) => f(), pull: (f) => f() }, onEvent: () => {}, random: () => 0 });
    const high = new CameraEventSubscriber('c', new FakeDevice(new FakeClock()), SETTINGS, { clock: new FakeClock(), slots: { setup: (f) => f(), pull: (f) => f() }, onEvent: () => {}, random: () => 0.999999 });
    expect(low.backoffMs(2)).toBe(1600);
    expect(high.backoffMs(2)).toBe(2400);
    expect(high.backoffMs(10)).toBe(8000);
  });

  it('a failed Renew resubscribes at once, without waiting', async () => {
    const { clock, device, sub } = setup();
    device.renewFails = true;
    sub.start();
    await clock.advance(46_000);
    expect(at(device, 'renew')).toEqual([45_000]);
    expect(at(device, 'subscribe')).toEqual([0, 45_000]);
    expect(sub.snapshot()).toMatchObject({ state: 'subscribed', subscriptions: 2 });
    await sub.stop();
  });

  it('a camera without PullPoint events is left alone and asked again later', async () => {
    const { clock, device, sub } = setup();
    device.events = 'no';
    sub.start();
    await clock.advance(1000);
    expect(sub.snapshot()).toMatchObject({ state: 'unsupported', nextAttemptAt: 600_000 });
    await clock.advance(600_000);
    expect(at(device, 'find')).toEqual([0, 600_000]);
    expect(at(device, 'subscribe')).toEqual([]);
    await sub.stop();
  });

  it('turns notifications into events: Initialized states raise nothing unless new; one motion under two topics is one event', async () => {
    const { clock, device, events, sub } = setup();
    device.push(note('motion', false, 'Initialized'), note('tamper', false, 'Initialized'));
    sub.start();
    await clock.advance(500);
    expect(events).toEqual([]);
    device.push(note('motion', true, 'Changed', 'tns1:RuleEngine/CellMotionDetector/Motion'), note('motion', true));
    await clock.advance(100);
    expect(events.map((e) => [e.kind, e.active, e.topic])).toEqual([['motion', true, 'tns1:RuleEngine/CellMotionDetector/Motion']]);
    await clock.advance(3000);
    device.push(note('motion', true), note('motion', false), note('tamper', true));
    await clock.advance(100);
    expect(events.slice(1).map((e) => [e.kind, e.active])).toEqual([
      ['motion', true],
      ['motion', false],
      ['tamper', true],
    ]);
    expect(sub.snapshot().events).toEqual({ motion: 2, tamper: 1 });
    // After a resubscription the device reports tamper still on (Initialized true): known already, not raised again.
    device.reboot();
    device.push(note('motion', false, 'Initialized'), note('tamper', true, 'Initialized'));
    await clock.advance(5000);
    expect(sub.snapshot().subscriptions).toBe(2);
    expect(events).toHaveLength(4);
    await sub.stop();
  });

  it('an Initialized true we did not know (the gateway started during a tamper) is raised', async () => {
    const { clock, device, events, sub } = setup();
    device.push(note('tamper', true, 'Initialized'));
    sub.start();
    await clock.advance(100);
    expect(events.map((e) => [e.kind, e.active, e.propertyOperation])).toEqual([['tamper', true, 'Initialized']]);
    await sub.stop();
  });

  it('a reply without news sooner than minPullIntervalMs waits out the rest (devices that do not long-poll)', async () => {
    const { clock, device, sub } = setup({ pullTimeoutSec: 1, minPullIntervalMs: 5000 });
    sub.start();
    await clock.advance(20_000);
    expect(at(device, 'pull').slice(0, 4)).toEqual([0, 5000, 10_000, 15_000]);
    await sub.stop();
  });

  it('stop aborts the poll in flight and unsubscribes', async () => {
    const { clock, device, sub } = setup();
    sub.start();
    await clock.advance(3000);
    await sub.stop(1000);
    expect(at(device, 'unsubscribe')).toEqual([3000]);
    expect(sub.snapshot()).toMatchObject({ state: 'stopped', nextAttemptAt: null });
    await clock.advance(60_000);
    expect(at(device, 'pull')).toEqual([0]);
  });
});

describe('Semaphore', () => {
  it('runs at most `limit` at once, the rest in order', async () => {
    const s = new Semaphore(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const gates: Array<() => void> = [];
    const job = (i: number) =>
      s.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise<void>((r) => gates.push(r));
        order.push(i);
        running--;
      });
    const all = Promise.all([1, 2, 3, 4, 5].map(job));
    for (let i = 0; i < 5; i++) {
      await settle();
      gates.shift()?.();
    }
    await all;
    expect(peak).toBe(2);
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(s.inUse).toBe(0);
  });
});
