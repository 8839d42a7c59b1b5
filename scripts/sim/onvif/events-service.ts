/**
 * The ONVIF Events service of one simulated device: PullPoint subscriptions only (no WS-BaseNotification push).
 *
 *   POST /onvif/Events                 CreatePullPointSubscription, GetServiceCapabilities
 *   POST <subscription reference>      PullMessages (long poll), Renew, Unsubscribe, SetSynchronizationPoint
 *
 * Subscription references look like the vendors': Hikvision-style `/onvif/Events/PullSubManager_<n>_<id>`,
 * Dahua-style `/onvif/Subscription?Idx=<n>`. A subscription ends at its TerminationTime (device clock) unless
 * renewed; an unknown or expired one gets a SOAP fault (HTTP 400). `raise(kind, active)` queues a
 * tns1:VideoSource/MotionAlarm or tns1:VideoSource/GlobalSceneChange/ImagingService notification on every live
 * subscription and answers a PullMessages waiting for it at once. `dropAll()` (the camera stops) forgets every
 * subscription and the current states, as a reboot does. Auth is the device's (onvif-device.ts) before this runs.
 */
import { randomBytes } from 'node:crypto';
import type { VendorStyle } from './onvif-identity';
import { envelope, esc, fault } from './soap-replies';
import { parseXml } from './soap-request';

export const EVENTS_SERVICE_PATH = '/onvif/Events';
const HIK_SUBSCRIPTION_PREFIX = '/onvif/Events/PullSubManager_';
const DAHUA_SUBSCRIPTION_PATH = '/onvif/Subscription';

export type SimEventKind = 'motion' | 'tamper';
export const SIM_EVENT_KINDS: readonly SimEventKind[] = ['motion', 'tamper'];

const TOPIC: Record<SimEventKind, string> = {
  motion: 'tns1:VideoSource/MotionAlarm',
  tamper: 'tns1:VideoSource/GlobalSceneChange/ImagingService',
};
const VIDEO_SOURCE_TOKEN = 'VideoSource_1';
const EVENT_NS =
  'xmlns:tev="http://www.onvif.org/ver10/events/wsdl" xmlns:wsnt="http://docs.oasis-open.org/wsn/b-2" xmlns:tns1="http://www.onvif.org/ver10/topics" xmlns:wstop="http://docs.oasis-open.org/wsn/t-1"';

/** Longest subscription and long poll the device grants, and how many pull points it keeps (real ones: 5–20). */
export const MAX_TERMINATION_MS = 3600_000;
export const DEFAULT_TERMINATION_MS = 60_000;
export const MAX_PULL_TIMEOUT_MS = 60_000;
export const MAX_SUBSCRIPTIONS = 10;
const MAX_QUEUED = 100;
/** Where a queued notification gets its subscription's address (filled in when it is sent). */
const ADDRESS_SLOT = '\u0000ADDRESS\u0000';

export interface SimEventServiceOptions {
  style: VendorStyle;
  /** `http://<host>:<port>`, read at request time (the port may be ephemeral). */
  baseUrl: () => string;
  /** The device clock (real time + quirk offset): what TerminationTime and UtcTime are written on. */
  deviceNow: () => number;
  /** Real time, for expiry and long-poll timers (tests may swap it). */
  now?: () => number;
  maxSubscriptions?: number;
}

interface Waiter {
  limit: number;
  timer: NodeJS.Timeout;
  isOpen: () => boolean;
  resolve: (xml: string) => void;
}

interface Subscription {
  key: string;
  address: string;
  /** Real time. */
  expiresAt: number;
  queue: string[];
  waiter: Waiter | null;
}

export interface SimEventReply {
  status: number;
  xml: string;
}

/** `PT60S`, `PT1M30S`, `P1DT2H` → ms; null when not a duration. */
export function parseDurationMs(s: string): number | null {
  const m = /^P(?:(\d{1,6})D)?(?:T(?:(\d{1,6})H)?(?:(\d{1,6})M)?(?:(\d{1,9}(?:\.\d{1,6})?)S)?)?$/.exec(s.trim());
  if (!m || s.trim() === 'P' || s.trim().endsWith('T')) return null;
  const [d, h, min, sec] = [m[1], m[2], m[3], m[4]].map((x) => (x === undefined ? 0 : Number(x)));
  return Math.round((((d! * 24 + h!) * 60 + min!) * 60 + sec!) * 1000);
}

const iso = (ms: number): string => `${new Date(ms).toISOString().slice(0, 19)}Z`;

type Node = unknown;
const isObj = (n: Node): n is Record<string, Node> => typeof n === 'object' && n !== null && !Array.isArray(n);
function field(body: Node, name: string): string | null {
  if (!isObj(body) || !Object.hasOwn(body, name)) return null;
  let v = body[name];
  if (Array.isArray(v)) v = (v as Node[])[0];
  if (isObj(v)) v = v['#text'];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

export class SimEventService {
  private readonly subs = new Map<string, Subscription>();
  private readonly states: Record<SimEventKind, boolean> = { motion: false, tamper: false };
  private counter = 0;
  private readonly now: () => number;

  constructor(private readonly o: SimEventServiceOptions) {
    this.now = o.now ?? Date.now;
  }

  /** Live (unexpired) subscriptions. */
  get subscriptionCount(): number {
    this.prune();
    return this.subs.size;
  }

  /** Is this request (path and query of the URL) for the events service or one of its subscriptions? */
  handles(pathname: string): boolean {
    return pathname === EVENTS_SERVICE_PATH || pathname === DAHUA_SUBSCRIPTION_PATH || pathname.startsWith(HIK_SUBSCRIPTION_PREFIX);
  }

  /**
   * One authenticated SOAP request. `text` is the whole envelope; `isOpen` tells whether the client is still there
   * (a long poll whose client left does not take the queued notifications with it).
   */
  handle(pathname: string, search: string, operation: string, text: string, isOpen: () => boolean): Promise<SimEventReply> {
    const body = this.requestBody(text, operation);
    if (pathname === EVENTS_SERVICE_PATH) {
      if (operation === 'CreatePullPointSubscription') return Promise.resolve(this.create(body));
      if (operation === 'GetServiceCapabilities') {
        return Promise.resolve(this.ok('tev:GetServiceCapabilitiesResponse', '<tev:Capabilities WSSubscriptionPolicySupport="true" WSPullPointSupport="true" WSPausableSubscriptionManagerInterfaceSupport="false" MaxNotificationProducers="10" MaxPullPoints="10"/>'));
      }
      return Promise.resolve(this.fail(500, 'Receiver', 'ter:ActionNotSupported', `${operation} is not supported`));
    }
    const key = this.o.style === 'hik' ? pathname.slice(HIK_SUBSCRIPTION_PREFIX.length) : (new URLSearchParams(search).get('Idx') ?? '');
    this.prune();
    const sub = this.subs.get(key);
    if (!sub) return Promise.resolve(this.fail(400, 'Sender', 'wsrf-rw:ResourceUnknownFault', 'No such subscription (expired or never created)'));
    switch (operation) {
      case 'PullMessages':
        return this.pull(sub, body, isOpen);
      case 'Renew': {
        const until = this.terminationFrom(field(body, 'TerminationTime'));
        if (until === null) return Promise.resolve(this.fail(400, 'Sender', 'wsnt:UnacceptableTerminationTimeFault', 'Unacceptable TerminationTime'));
        sub.expiresAt = until;
        return Promise.resolve(this.ok('wsnt:RenewResponse', `<wsnt:TerminationTime>${iso(this.toDevice(sub.expiresAt))}</wsnt:TerminationTime><wsnt:CurrentTime>${iso(this.o.deviceNow())}</wsnt:CurrentTime>`));
      }
      case 'Unsubscribe':
        this.remove(sub);
        return Promise.resolve(this.ok('wsnt:UnsubscribeResponse', ''));
      case 'SetSynchronizationPoint':
        this.queueInitial(sub);
        this.flush(sub);
        return Promise.resolve(this.ok('tev:SetSynchronizationPointResponse', ''));
      default:
        return Promise.resolve(this.fail(500, 'Receiver', 'ter:ActionNotSupported', `${operation} is not supported`));
    }
  }

  /** Queue a notification on every live subscription; returns how many got it. */
  raise(kind: SimEventKind, active = true): number {
    this.states[kind] = active;
    this.prune();
    const xml = this.notification(kind, active, 'Changed');
    for (const sub of this.subs.values()) {
      sub.queue.push(xml);
      if (sub.queue.length > MAX_QUEUED) sub.queue.shift();
      this.flush(sub);
    }
    return this.subs.size;
  }

  /** The device went away: every subscription and state is forgotten (a reboot). */
  dropAll(): void {
    for (const sub of [...this.subs.values()]) this.remove(sub);
    this.states.motion = false;
    this.states.tamper = false;
  }

  // ---------------------------------------------------------------------------------------------------------------

  private requestBody(text: string, operation: string): Node {
    const env = parseXml(text)?.Envelope;
    const body = isObj(env) ? env.Body : undefined;
    return isObj(body) ? body[operation] : undefined;
  }

  private toDevice(realMs: number): number {
    return realMs + (this.o.deviceNow() - this.now());
  }

  /** A requested termination time (duration, or absolute on the device clock) as real time; null when unacceptable. */
  private terminationFrom(raw: string | null): number | null {
    const now = this.now();
    if (raw === null) return now + DEFAULT_TERMINATION_MS;
    let ms: number | null;
    if (raw.startsWith('P')) ms = parseDurationMs(raw);
    else {
      const at = Date.parse(raw);
      ms = Number.isFinite(at) ? at - this.o.deviceNow() : null;
    }
    if (ms === null || ms <= 0) return null;
    return now + Math.min(ms, MAX_TERMINATION_MS);
  }

  private create(body: Node): SimEventReply {
    this.prune();
    if (this.subs.size >= (this.o.maxSubscriptions ?? MAX_SUBSCRIPTIONS)) {
      return this.fail(500, 'Receiver', 'wsntw:SubscribeCreationFailedFault', 'Maximum number of pull points reached');
    }
    const expiresAt = this.terminationFrom(field(body, 'InitialTerminationTime'));
    if (expiresAt === null) return this.fail(400, 'Sender', 'wsnt:UnacceptableInitialTerminationTimeFault', 'Unacceptable InitialTerminationTime');
    const n = ++this.counter;
    const key = this.o.style === 'hik' ? `${n}_${randomBytes(4).toString('hex')}` : String(n);
    const address = this.o.style === 'hik' ? `${this.o.baseUrl()}${HIK_SUBSCRIPTION_PREFIX}${key}` : `${this.o.baseUrl()}${DAHUA_SUBSCRIPTION_PATH}?Idx=${key}`;
    const sub: Subscription = { key, address, expiresAt, queue: [], waiter: null };
    this.queueInitial(sub);
    this.subs.set(key, sub);
    return this.ok(
      'tev:CreatePullPointSubscriptionResponse',
      `<tev:SubscriptionReference><wsa:Address>${esc(address)}</wsa:Address></tev:SubscriptionReference>` +
        `<wsnt:CurrentTime>${iso(this.o.deviceNow())}</wsnt:CurrentTime><wsnt:TerminationTime>${iso(this.toDevice(expiresAt))}</wsnt:TerminationTime>`,
    );
  }

  /** Property events start with their current state (PropertyOperation="Initialized"), as real devices send. */
  private queueInitial(sub: Subscription): void {
    for (const kind of SIM_EVENT_KINDS) sub.queue.push(this.notification(kind, this.states[kind], 'Initialized'));
  }

  private pull(sub: Subscription, body: Node, isOpen: () => boolean): Promise<SimEventReply> {
    const limitRaw = Number(field(body, 'MessageLimit') ?? '100');
    const limit = Number.isInteger(limitRaw) && limitRaw > 0 ? Math.min(limitRaw, MAX_QUEUED) : 100;
    const timeoutRaw = field(body, 'Timeout');
    const timeoutMs = Math.min(timeoutRaw ? (parseDurationMs(timeoutRaw) ?? 0) : 10_000, MAX_PULL_TIMEOUT_MS);
    // A second pull on the same subscription ends the first one (empty), as devices do.
    if (sub.waiter) this.answer(sub, sub.waiter, 0);
    return new Promise<SimEventReply>((resolve) => {
      const waiter: Waiter = {
        limit,
        isOpen,
        resolve: (xml) => resolve({ status: 200, xml }),
        timer: setTimeout(() => {
          if (sub.waiter === waiter) this.answer(sub, waiter, 0);
        }, timeoutMs),
      };
      sub.waiter = waiter;
      if (sub.queue.length > 0 || timeoutMs === 0) this.answer(sub, waiter, sub.queue.length > 0 ? limit : 0);
    });
  }

  private flush(sub: Subscription): void {
    const w = sub.waiter;
    if (w && w.isOpen()) this.answer(sub, w, w.limit);
  }

  /** Reply to a waiting pull with up to `take` queued notifications (0 = an empty reply). */
  private answer(sub: Subscription, waiter: Waiter, take: number): void {
    clearTimeout(waiter.timer);
    if (sub.waiter === waiter) sub.waiter = null;
    const messages = take > 0 && waiter.isOpen() ? sub.queue.splice(0, take) : [];
    waiter.resolve(
      this.ok(
        'tev:PullMessagesResponse',
        `<tev:CurrentTime>${iso(this.o.deviceNow())}</tev:CurrentTime><tev:TerminationTime>${iso(this.toDevice(sub.expiresAt))}</tev:TerminationTime>` +
          messages.map((m) => m.split(ADDRESS_SLOT).join(esc(sub.address))).join(''),
      ).xml,
    );
  }

  private notification(kind: SimEventKind, state: boolean, operation: 'Changed' | 'Initialized'): string {
    return (
      '<wsnt:NotificationMessage>' +
      `<wsnt:SubscriptionReference><wsa:Address>${ADDRESS_SLOT}</wsa:Address></wsnt:SubscriptionReference>` +
      `<wsnt:Topic Dialect="http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet">${TOPIC[kind]}</wsnt:Topic>` +
      `<wsnt:ProducerReference><wsa:Address>${esc(`${this.o.baseUrl()}${EVENTS_SERVICE_PATH}`)}</wsa:Address></wsnt:ProducerReference>` +
      `<wsnt:Message><tt:Message UtcTime="${iso(this.o.deviceNow())}" PropertyOperation="${operation}">` +
      `<tt:Source><tt:SimpleItem Name="Source" Value="${VIDEO_SOURCE_TOKEN}"/></tt:Source>` +
      `<tt:Data><tt:SimpleItem Name="State" Value="${state}"/></tt:Data>` +
      '</tt:Message></wsnt:Message></wsnt:NotificationMessage>'
    );
  }

  private remove(sub: Subscription): void {
    this.subs.delete(sub.key);
    if (sub.waiter) this.answer(sub, sub.waiter, 0);
  }

  private prune(): void {
    const now = this.now();
    for (const sub of [...this.subs.values()]) if (sub.expiresAt <= now) this.remove(sub);
  }

  /** A response element (with the event namespaces declared on it) in the vendor's envelope. */
  private ok(element: string, inner: string): SimEventReply {
    return { status: 200, xml: envelope(this.o.style, `<${element} ${EVENT_NS}>${inner}</${element}>`) };
  }

  private fail(status: number, code: 'Sender' | 'Receiver', subcode: string, reason: string): SimEventReply {
    return { status, xml: fault(this.o.style, code, subcode, reason) };
  }
}
