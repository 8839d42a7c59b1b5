/**
 * The Events operations of one device, on top of OnvifDeviceClient (same SOAP envelope, UsernameToken
 * stamped on the device clock, HTTP Digest fallback, size cap, typed OnvifError). A long poll needs a longer deadline
 * than the other operations, so the deadline is chosen per call through the client's poster; calls of one camera are
 * sequential (its subscriber runs one at a time), which is what makes that safe.
 */
import type http from 'node:http';
import { NS, REQUESTS } from './onvif-soap';
import { OnvifError, OnvifDeviceClient, asOnvifError, type OnvifCredential } from './onvif-device-client';
import type { SoapBody } from './onvif-extractors';
import { pinHttpUri } from './stream-uri-pinning';
import { postSoap, type SoapPoster } from './soap-http';
import {
  EVENT_REQUESTS,
  EVENTS_NS,
  WSNT_NS,
  extractEventsXAddrFromCapabilities,
  extractEventsXAddrFromServices,
  extractPullMessages,
  extractRenew,
  extractSubscription,
  type PullMessagesResult,
  type PullPointSubscription,
  type SubscriptionTimes,
} from './onvif-event-messages';

/** What a camera subscriber needs from its device (tests give it a fake). */
export interface EventDeviceClient {
  /** Device clock minus gateway clock (ms), as last measured. */
  readonly clockOffsetMs: number;
  /** Measure the clock, then find the events service. Null: the device offers no PullPoint events. */
  findEventsService(): Promise<string | null>;
  subscribe(eventsUrl: string, terminationSec: number): Promise<PullPointSubscription>;
  pull(address: string, timeoutSec: number, messageLimit: number): Promise<PullMessagesResult>;
  renew(address: string, terminationSec: number): Promise<SubscriptionTimes>;
  unsubscribe(address: string, timeoutMs: number): Promise<void>;
  /** Abort the request in flight (a long poll, on shutdown); later calls work again. */
  abort(): void;
}

export interface OnvifEventClientOptions {
  /** http://host:port/onvif/device_service */
  deviceServiceUrl: string;
  credential: OnvifCredential | null;
  /** Deadline of a non-polling request. */
  requestTimeoutMs: number;
  /** Added to a long poll's Timeout for its HTTP deadline. */
  pullSlackMs: number;
  maxBytes: number;
  agent?: http.Agent;
  post?: SoapPoster;
}

/**
 * Addresses the device reports (events XAddr, subscription reference) are re-pinned to the host and port the device
 * service answered on: devices behind NAT or port forwarding report their inside address, and all ONVIF services
 * of a camera live on the one HTTP server anyway.
 */
export function pinToDevice(raw: string, deviceServiceUrl: string): string {
  const device = new URL(deviceServiceUrl);
  const pinned = pinHttpUri(raw, device.hostname.replace(/^\[|\]$/g, ''));
  if (!pinned.ok) throw new OnvifError('malformed', `device reported an unusable address: ${pinned.reason}`);
  const u = new URL(pinned.uri);
  u.protocol = device.protocol;
  u.host = device.host;
  return u.toString();
}

export class OnvifEventClient implements EventDeviceClient {
  private readonly client: OnvifDeviceClient;
  private timeoutMs: number;
  private controller = new AbortController();

  constructor(private readonly o: OnvifEventClientOptions) {
    this.timeoutMs = o.requestTimeoutMs;
    const post = o.post ?? postSoap;
    this.client = new OnvifDeviceClient(o.deviceServiceUrl, {
      timeoutMs: o.requestTimeoutMs,
      maxBytes: o.maxBytes,
      agent: o.agent,
      post: (url, body, p) => post(url, body, { ...p, timeoutMs: this.timeoutMs, signal: this.controller.signal }),
    });
    this.client.useCredential(o.credential);
  }

  abort(): void {
    this.controller.abort();
    this.controller = new AbortController();
  }

  get clockOffsetMs(): number {
    return this.client.clockOffsetMs;
  }

  async findEventsService(): Promise<string | null> {
    this.timeoutMs = this.o.requestTimeoutMs;
    await this.client.measureClock();
    let raw: string | null = null;
    try {
      raw = await this.op(this.o.deviceServiceUrl, NS.device, 'GetServices', REQUESTS.getServices, extractEventsXAddrFromServices);
    } catch (err) {
      // Older firmwares know only GetCapabilities; anything but a refusal of the operation is a real failure.
      if (!(err instanceof OnvifError) || err.kind !== 'fault') throw err;
    }
    raw ??= await this.op(this.o.deviceServiceUrl, NS.device, 'GetCapabilities', REQUESTS.getCapabilities, extractEventsXAddrFromCapabilities);
    return raw === null ? null : pinToDevice(raw, this.o.deviceServiceUrl);
  }

  async subscribe(eventsUrl: string, terminationSec: number): Promise<PullPointSubscription> {
    const sub = await this.op(eventsUrl, EVENTS_NS, 'CreatePullPointSubscription', EVENT_REQUESTS.createPullPointSubscription(terminationSec), extractSubscription);
    return { ...sub, address: pinToDevice(sub.address, this.o.deviceServiceUrl) };
  }

  pull(address: string, timeoutSec: number, messageLimit: number): Promise<PullMessagesResult> {
    return this.op(address, EVENTS_NS, 'PullMessages', EVENT_REQUESTS.pullMessages(timeoutSec, messageLimit), extractPullMessages, timeoutSec * 1000 + this.o.pullSlackMs);
  }

  renew(address: string, terminationSec: number): Promise<SubscriptionTimes> {
    return this.op(address, WSNT_NS, 'Renew', EVENT_REQUESTS.renew(terminationSec), extractRenew);
  }

  async unsubscribe(address: string, timeoutMs: number): Promise<void> {
    await this.op(address, WSNT_NS, 'Unsubscribe', EVENT_REQUESTS.unsubscribe, () => undefined, timeoutMs);
  }

  private async op<T>(url: string, ns: string, operation: string, body: string, extract: (b: SoapBody) => T, timeoutMs = this.o.requestTimeoutMs): Promise<T> {
    this.timeoutMs = timeoutMs;
    const reply = await this.client.call(url, ns, operation, body);
    try {
      return extract(reply);
    } catch (err) {
      throw asOnvifError(err, operation);
    }
  }
}
