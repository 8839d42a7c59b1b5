/**
 * The ONVIF Events (PullPoint) side of SOAP: request bodies, and typed readers for the replies — the events XAddr
 * from GetServices/GetCapabilities, a CreatePullPointSubscription/Renew answer, and PullMessages notifications
 * classified as motion or tamper. Pure. XML comes through safe-xml.ts (size cap, DOCTYPE/ENTITY refused,
 * no entity expansion, prefixes stripped); no regular expression ever looks at XML here.
 */
import type { SoapBody } from './onvif-extractors';
import { XmlRejected, attr, child, children, escapeXml, path, text, type XmlNode } from './safe-xml';

export const EVENTS_NS = 'http://www.onvif.org/ver10/events/wsdl';
export const WSNT_NS = 'http://docs.oasis-open.org/wsn/b-2';

export type OnvifEventKind = 'motion' | 'tamper';

/** ISO 8601 duration of whole seconds, as ONVIF wants it (`PT60S`). */
export const isoSeconds = (sec: number): string => `PT${Math.max(1, Math.round(sec))}S`;

/** Request bodies; each declares its own prefixes (the shared envelope declares only tds/trt/tptz/tt). */
export const EVENT_REQUESTS = {
  createPullPointSubscription: (terminationSec: number): string =>
    `<tev:CreatePullPointSubscription xmlns:tev="${EVENTS_NS}"><tev:InitialTerminationTime>${isoSeconds(terminationSec)}</tev:InitialTerminationTime></tev:CreatePullPointSubscription>`,
  pullMessages: (timeoutSec: number, messageLimit: number): string =>
    `<tev:PullMessages xmlns:tev="${EVENTS_NS}"><tev:Timeout>${isoSeconds(timeoutSec)}</tev:Timeout><tev:MessageLimit>${Math.max(1, Math.floor(messageLimit))}</tev:MessageLimit></tev:PullMessages>`,
  renew: (terminationSec: number): string =>
    `<wsnt:Renew xmlns:wsnt="${WSNT_NS}"><wsnt:TerminationTime>${escapeXml(isoSeconds(terminationSec))}</wsnt:TerminationTime></wsnt:Renew>`,
  unsubscribe: `<wsnt:Unsubscribe xmlns:wsnt="${WSNT_NS}"/>`,
} as const;

function expectBody(body: SoapBody, name: string): XmlNode {
  if (body.name !== name) throw new XmlRejected(`expected ${name}, got ${body.name.slice(0, 64)}`);
  return body.node;
}

const capped = (s: string | null, max = 512): string | null => (s === null ? null : s.slice(0, max));

/** The events service XAddr from GetServicesResponse (by namespace), or null when the device lists none. */
export function extractEventsXAddrFromServices(body: SoapBody): string | null {
  const r = expectBody(body, 'GetServicesResponse');
  for (const s of children(r, 'Service').slice(0, 64)) {
    if (text(child(s, 'Namespace')) === EVENTS_NS) return capped(text(child(s, 'XAddr')));
  }
  return null;
}

/** Capabilities/Events/XAddr, or null; a device that says WSPullPointSupport=false has none for us. */
export function extractEventsXAddrFromCapabilities(body: SoapBody): string | null {
  const events = path(expectBody(body, 'GetCapabilitiesResponse'), 'Capabilities', 'Events');
  if (events === undefined) return null;
  if (text(child(events, 'WSPullPointSupport'))?.toLowerCase() === 'false') return null;
  return capped(text(child(events, 'XAddr')));
}

/** ONVIF xs:dateTime: `2024-03-18T06:41:05Z`, with fractions or an offset. Null when absent or not a date. */
export function parseOnvifTime(s: string | null): number | null {
  if (s === null || s.length > 40) return null;
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : null;
}

/**
 * How long a subscription lives, on the device's own clock: TerminationTime − CurrentTime (ms). Comparing the two
 * stamps of one reply sidesteps any offset between the device clock and ours. Null when either is missing.
 */
export interface SubscriptionTimes {
  currentTime: number | null;
  terminationTime: number | null;
  /** terminationTime − currentTime, or null. */
  lifetimeMs: number | null;
}

function times(node: XmlNode): SubscriptionTimes {
  const currentTime = parseOnvifTime(text(child(node, 'CurrentTime')));
  const terminationTime = parseOnvifTime(text(child(node, 'TerminationTime')));
  const lifetimeMs = currentTime !== null && terminationTime !== null ? terminationTime - currentTime : null;
  return { currentTime, terminationTime, lifetimeMs };
}

export interface PullPointSubscription extends SubscriptionTimes {
  /** SubscriptionReference/Address: where PullMessages, Renew and Unsubscribe go. */
  address: string;
}

export function extractSubscription(body: SoapBody): PullPointSubscription {
  const r = expectBody(body, 'CreatePullPointSubscriptionResponse');
  const address = capped(text(path(r, 'SubscriptionReference', 'Address')), 1024);
  if (!address) throw new XmlRejected('CreatePullPointSubscriptionResponse without SubscriptionReference/Address');
  return { address, ...times(r) };
}

export function extractRenew(body: SoapBody): SubscriptionTimes {
  return times(expectBody(body, 'RenewResponse'));
}

export interface OnvifNotification {
  /** The topic as sent, e.g. `tns1:VideoSource/MotionAlarm`. */
  topic: string;
  /** motion / tamper, or null for a topic we do not act on. */
  kind: OnvifEventKind | null;
  /** The boolean state (State, IsMotion, IsTamper), or null when the message carries none. */
  state: boolean | null;
  /** tt:Message/@UtcTime on the device's clock, ms, or null. */
  utcTime: number | null;
  /** Changed | Initialized | Deleted, or null. */
  propertyOperation: string | null;
  /** The source token (VideoSource, VideoSourceConfigurationToken, Source …), or null. */
  source: string | null;
}

export interface PullMessagesResult extends SubscriptionTimes {
  notifications: OnvifNotification[];
}

/** At most this many notifications are read from one reply (a device may be told MessageLimit and ignore it). */
export const MAX_NOTIFICATIONS_PER_PULL = 256;

const localSegments = (topic: string): string[] => topic.split('/').map((seg) => seg.slice(seg.indexOf(':') + 1).trim());

/**
 * Which topics are motion and which tamper, as the two vendor families publish them:
 * - motion: `tns1:VideoSource/MotionAlarm` (State), `tns1:RuleEngine/CellMotionDetector/Motion` (IsMotion), and
 *   Hikvision's `tns1:RuleEngine/MotionRegionDetector/Motion`;
 * - tamper: `tns1:VideoSource/GlobalSceneChange/ImagingService` (and …/AnalyticsService, …/RecordingService),
 *   `tns1:RuleEngine/TamperDetector/Tamper` (IsTamper).
 */
export function classifyTopic(topic: string): OnvifEventKind | null {
  const s = localSegments(topic).map((x) => x.toLowerCase());
  const [a, b, c] = s;
  if (a === 'videosource' && b === 'motionalarm') return 'motion';
  if (a === 'ruleengine' && (b === 'cellmotiondetector' || b === 'motionregiondetector') && c === 'motion') return 'motion';
  if (a === 'videosource' && b === 'globalscenechange') return 'tamper';
  if (a === 'ruleengine' && b === 'tamperdetector' && c === 'tamper') return 'tamper';
  return null;
}

const STATE_ITEMS = ['state', 'ismotion', 'istamper', 'value'];
const SOURCE_ITEMS = ['source', 'videosource', 'videosourcetoken', 'videosourceconfigurationtoken', 'inputtoken'];

function simpleItems(node: XmlNode | undefined): Array<{ name: string; value: string }> {
  return children(node, 'SimpleItem')
    .slice(0, 16)
    .flatMap((item) => {
      const name = attr(item, 'Name');
      const value = attr(item, 'Value');
      return name !== null && value !== null ? [{ name: name.slice(0, 64), value: value.slice(0, 256) }] : [];
    });
}

function boolOf(v: string): boolean | null {
  const t = v.trim().toLowerCase();
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  return null;
}

function readNotification(nm: XmlNode): OnvifNotification | null {
  const topic = capped(text(child(nm, 'Topic')), 256);
  if (!topic) return null;
  const message = path(nm, 'Message', 'Message');
  const data = simpleItems(child(message, 'Data'));
  const sources = simpleItems(child(message, 'Source'));
  let state: boolean | null = null;
  for (const want of STATE_ITEMS) {
    const item = data.find((d) => d.name.toLowerCase() === want);
    if (item) {
      state = boolOf(item.value);
      break;
    }
  }
  let source: string | null = null;
  for (const want of SOURCE_ITEMS) {
    const item = sources.find((d) => d.name.toLowerCase() === want);
    if (item) {
      source = item.value;
      break;
    }
  }
  return {
    topic,
    kind: classifyTopic(topic),
    state,
    utcTime: parseOnvifTime(attr(message, 'UtcTime')),
    propertyOperation: capped(attr(message, 'PropertyOperation'), 32),
    source,
  };
}

/** A PullMessagesResponse: its times and every NotificationMessage (unknown topics kept with kind null). */
export function extractPullMessages(body: SoapBody): PullMessagesResult {
  const r = expectBody(body, 'PullMessagesResponse');
  const notifications = children(r, 'NotificationMessage')
    .slice(0, MAX_NOTIFICATIONS_PER_PULL)
    .map(readNotification)
    .filter((n): n is OnvifNotification => n !== null);
  return { ...times(r), notifications };
}
