/**
 * A thin ONVIF client for one device: SOAP over HTTP with a deadline per request and a reply size cap.
 * Auth: a WS-Security UsernameToken first, its Created stamped on the device's clock (gateway clock + the offset
 * GetSystemDateAndTime revealed); when the device answers 401 with a Digest challenge it gets HTTP Digest from then
 * on. Every failure comes out as an OnvifError with a kind the scan can report.
 */
import type http from 'node:http';
import { digestAuthorization, parseDigestChallenge, type DigestChallenge } from './http-digest';
import {
  extractCapabilities,
  extractDeviceInformation,
  extractMacAddress,
  extractMediaUri,
  extractProfiles,
  extractServices,
  extractSystemDateAndTime,
  type DeviceInformation,
  type MediaProfile,
  type ServiceAddresses,
  type SoapBody,
} from './onvif-extractors';
import { NS, REQUESTS, buildEnvelope, describeFault, isAuthFault, readSoapReply, soapAction, usernameToken } from './onvif-soap';
import { XmlRejected } from './safe-xml';
import { HttpFailure, postSoap, type SoapPoster } from './soap-http';

export interface OnvifCredential {
  username: string;
  password: string;
}

export type OnvifErrorKind = 'auth' | 'fault' | 'http' | 'malformed' | 'timeout' | 'too-large' | 'network' | 'aborted';

export class OnvifError extends Error {
  constructor(
    readonly kind: OnvifErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'OnvifError';
  }
}

export interface DeviceClientOptions {
  timeoutMs: number;
  maxBytes: number;
  post?: SoapPoster;
  agent?: http.Agent;
  signal?: AbortSignal;
  now?: () => number;
}

export class OnvifDeviceClient {
  private offsetMs = 0;
  private credential: OnvifCredential | null = null;
  private digest: { challenge: DigestChallenge; nc: number } | null = null;
  private readonly post: SoapPoster;
  private readonly now: () => number;

  constructor(
    readonly deviceServiceUrl: string,
    private readonly o: DeviceClientOptions,
  ) {
    this.post = o.post ?? postSoap;
    this.now = o.now ?? Date.now;
  }

  /** Device clock minus gateway clock, as last measured. */
  get clockOffsetMs(): number {
    return this.offsetMs;
  }

  /** Use these credentials from now on (null = none); forgets what the previous ones negotiated. */
  useCredential(c: OnvifCredential | null): void {
    this.credential = c;
    this.digest = null;
  }

  /** Unauthenticated, as the ONVIF core spec allows. Returns the offset in ms, or null when the device gave no UTC time. */
  async measureClock(): Promise<number | null> {
    const sentAt = this.now();
    const { utc } = await this.op(this.deviceServiceUrl, NS.device, 'GetSystemDateAndTime', REQUESTS.getSystemDateAndTime, extractSystemDateAndTime, false);
    const receivedAt = this.now();
    if (!utc) return null;
    // The device reports whole seconds (truncated): its clock read somewhere in [utc, utc + 1 s). Compare the middle
    // of that second with the middle of the exchange.
    this.offsetMs = utc.getTime() + 500 - Math.round((sentAt + receivedAt) / 2);
    return this.offsetMs;
  }

  deviceInformation(): Promise<DeviceInformation> {
    return this.op(this.deviceServiceUrl, NS.device, 'GetDeviceInformation', REQUESTS.getDeviceInformation, extractDeviceInformation);
  }

  services(): Promise<ServiceAddresses> {
    return this.op(this.deviceServiceUrl, NS.device, 'GetServices', REQUESTS.getServices, extractServices);
  }

  capabilities(): Promise<ServiceAddresses> {
    return this.op(this.deviceServiceUrl, NS.device, 'GetCapabilities', REQUESTS.getCapabilities, extractCapabilities);
  }

  macAddress(): Promise<string | null> {
    return this.op(this.deviceServiceUrl, NS.device, 'GetNetworkInterfaces', REQUESTS.getNetworkInterfaces, extractMacAddress);
  }

  profiles(mediaUrl: string): Promise<MediaProfile[]> {
    return this.op(mediaUrl, NS.media, 'GetProfiles', REQUESTS.getProfiles, extractProfiles);
  }

  streamUri(mediaUrl: string, profileToken: string): Promise<string> {
    return this.op(mediaUrl, NS.media, 'GetStreamUri', REQUESTS.getStreamUri(profileToken), (b) => extractMediaUri(b, 'GetStreamUriResponse'));
  }

  snapshotUri(mediaUrl: string, profileToken: string): Promise<string> {
    return this.op(mediaUrl, NS.media, 'GetSnapshotUri', REQUESTS.getSnapshotUri(profileToken), (b) => extractMediaUri(b, 'GetSnapshotUriResponse'));
  }

  private async op<T>(url: string, ns: string, operation: string, body: string, extract: (b: SoapBody) => T, auth = true): Promise<T> {
    const reply = await this.call(url, ns, operation, body, auth);
    try {
      return extract(reply);
    } catch (err) {
      throw asOnvifError(err, operation);
    }
  }

  /** One SOAP operation; `auth` false sends no credentials at all. */
  async call(url: string, ns: string, operation: string, body: string, auth = true): Promise<SoapBody> {
    const cred = auth ? this.credential : null;
    let reply = await this.send(url, ns, operation, body, cred);
    if (reply.status === 401 && cred) {
      const challenge = parseDigestChallenge(reply.headers['www-authenticate']);
      // A first challenge, or a fresh nonce for the one we were using (stale): answer it once.
      if (challenge && (!this.digest || this.digest.challenge.nonce !== challenge.nonce)) {
        this.digest = { challenge, nc: 0 };
        reply = await this.send(url, ns, operation, body, cred);
      }
    }
    return this.interpret(operation, reply);
  }

  private async send(url: string, ns: string, operation: string, body: string, cred: OnvifCredential | null) {
    const headers: Record<string, string> = { 'content-type': `application/soap+xml; charset=utf-8; action="${soapAction(ns, operation)}"` };
    let envelope: string;
    if (cred && this.digest) {
      const d = this.digest;
      d.nc += 1;
      headers.authorization = digestAuthorization(d.challenge, cred, 'POST', requestTarget(url), d.nc);
      envelope = buildEnvelope(body);
    } else {
      envelope = buildEnvelope(body, cred ? usernameToken(cred.username, cred.password, new Date(this.now() + this.offsetMs)) : undefined);
    }
    try {
      return await this.post(url, envelope, { timeoutMs: this.o.timeoutMs, maxBytes: this.o.maxBytes, headers, agent: this.o.agent, signal: this.o.signal });
    } catch (err) {
      if (err instanceof HttpFailure) throw new OnvifError(err.kind, `${operation}: ${err.message}`);
      throw new OnvifError('network', `${operation}: ${(err as Error).message}`);
    }
  }

  private interpret(operation: string, reply: { status: number; body: Buffer }): SoapBody {
    if (reply.status === 401 || reply.status === 403) throw new OnvifError('auth', `${operation}: HTTP ${reply.status}`);
    let parsed;
    try {
      parsed = readSoapReply(reply.body, this.o.maxBytes);
    } catch (err) {
      if (!(err instanceof XmlRejected)) throw err;
      if (reply.status >= 200 && reply.status < 300) throw new OnvifError('malformed', `${operation}: ${err.message}`);
      throw new OnvifError('http', `${operation}: HTTP ${reply.status}`);
    }
    if (parsed.kind === 'fault') {
      throw new OnvifError(isAuthFault(parsed.fault) ? 'auth' : 'fault', `${operation}: ${describeFault(parsed.fault)}`);
    }
    if (reply.status < 200 || reply.status >= 300) throw new OnvifError('http', `${operation}: HTTP ${reply.status}`);
    return parsed;
  }
}

/** Path and query of a URL, as Digest's `uri` wants it. */
function requestTarget(url: string): string {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
}

/** Extractor failures (a well-formed reply of the wrong shape) become `malformed` OnvifErrors. */
export function asOnvifError(err: unknown, operation: string): OnvifError {
  if (err instanceof OnvifError) return err;
  if (err instanceof XmlRejected) return new OnvifError('malformed', `${operation}: ${err.message}`);
  return new OnvifError('network', `${operation}: ${(err as Error).message}`);
}
