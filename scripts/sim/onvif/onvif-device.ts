/**
 * One simulated ONVIF Profile S device: a UDP socket on <address>:3702 answering WS-Discovery Probes, and a
 * node:http server on <address>:<port> with the device and media services and a JPEG snapshot. Credentials are the
 * camera's RTSP ones. Quirks come from onvif-identity.ts. Idle cost: one UDP socket and one listening socket.
 */
import dgram from 'node:dgram';
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Rgb, SimCameraIdentity } from '../camera-identity';
import { digestChallenge, verifyDigest, type NonceIssuer } from '../rtsp-digest';
import { SIM_WRONG_STREAM_HOST, simScopes, type OnvifIdentity } from './onvif-identity';
import * as reply from './soap-replies';
import type { PtzState } from '../ptz-state';
import { ptzOperation } from './ptz-service';
import { solidJpeg } from './solid-jpeg';
import { SimEventService, type SimEventKind } from './events-service';
import { NonceMemory, readProbe, readSoapRequest, verifyUsernameToken } from './soap-request';

export const DEVICE_SERVICE_PATH = '/onvif/device_service';
export const MEDIA_SERVICE_PATH = '/onvif/media_service';
export const PTZ_SERVICE_PATH = '/onvif/ptz_service';
const MAX_REQUEST_BYTES = 64 * 1024;
/** Operations the ONVIF core spec allows before authentication (the sim only grants this one). */
const PRE_AUTH = new Set(['GetSystemDateAndTime']);
const MATCHED_TYPES = new Set(['NetworkVideoTransmitter', 'Device']);

export interface OnvifDeviceOptions {
  camera: SimCameraIdentity;
  onvif: OnvifIdentity;
  host: string;
  /** HTTP port (0 = ephemeral). */
  httpPort: number;
  /** WS-Discovery port (3702; 0 = ephemeral, for tests of one device). */
  discoveryPort: number;
  /** The camera's RTSP URLs (no credentials), read at request time. */
  streamUrls: () => { main: string; sub: string };
  /** Fleet fault switch: reject every authenticated request. */
  authBroken: () => boolean;
  colour: Rgb;
  nonces: NonceIssuer;
  log?: (msg: string) => void;
  /** The head of a PTZ camera (quirks.ptz): the PTZ service is implemented on it (ptz-service.ts). */
  ptz?: PtzState;
}

export class OnvifDevice {
  httpPort: number;
  discoveryPort: number;
  private http: http.Server | null = null;
  private udp: dgram.Socket | null = null;
  private readonly realm: string;
  private readonly tokenNonces = new NonceMemory();
  private jpeg: Buffer | null = null;
  private requests = 0;
  /** The Events service (PullPoint subscriptions, events-service.ts). */
  readonly events: SimEventService;

  constructor(private readonly o: OnvifDeviceOptions) {
    this.httpPort = o.httpPort;
    this.discoveryPort = o.discoveryPort;
    this.realm = `County Video Sim ${o.camera.name}`;
    this.events = new SimEventService({ style: o.onvif.style, baseUrl: () => `http://${o.host}:${this.httpPort}`, deviceNow: () => this.deviceNow() });
  }

  /** Queue a motion/tamper notification on every live subscription; returns how many got it. */
  raiseEvent(kind: SimEventKind, active = true): number {
    return this.events.raise(kind, active);
  }

  get listening(): boolean {
    return this.http !== null;
  }

  get requestCount(): number {
    return this.requests;
  }

  get deviceServiceUrl(): string {
    return `http://${this.o.host}:${this.httpPort}${DEVICE_SERVICE_PATH}`;
  }

  /** Device clock: real time plus the quirk offset. */
  deviceNow(): number {
    return Date.now() + this.o.onvif.quirks.clockOffsetMin * 60_000;
  }

  async listen(): Promise<void> {
    if (this.http) return;
    const server = http.createServer((req, res) => this.handle(req, res));
    server.keepAliveTimeout = 5000;
    server.headersTimeout = 10_000;
    server.requestTimeout = 15_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: this.o.host, port: this.httpPort }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.httpPort = (server.address() as AddressInfo).port;
    this.http = server;
    const udp = dgram.createSocket({ type: 'udp4' });
    udp.on('message', (msg, rinfo) => this.onProbe(msg, rinfo));
    udp.on('error', (err) => this.o.log?.(`sim: ${this.o.camera.id} ONVIF UDP error ${err.message}`));
    try {
      await new Promise<void>((resolve, reject) => {
        udp.once('error', reject);
        udp.bind({ address: this.o.host, port: this.discoveryPort, exclusive: true }, () => {
          udp.off('error', reject);
          resolve();
        });
      });
    } catch (err) {
      await this.close();
      throw err;
    }
    this.discoveryPort = udp.address().port;
    this.udp = udp;
  }

  async close(): Promise<void> {
    const server = this.http;
    const udp = this.udp;
    this.http = null;
    this.udp = null;
    this.events.dropAll(); // a stopped (rebooted) device forgets its subscriptions
    if (udp) await new Promise<void>((resolve) => udp.close(() => resolve()));
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  private urls(): reply.ServiceUrls {
    const base = `http://${this.o.host}:${this.httpPort}`;
    return { device: `${base}${DEVICE_SERVICE_PATH}`, media: `${base}${MEDIA_SERVICE_PATH}`, ptz: this.o.onvif.quirks.ptz ? `${base}${PTZ_SERVICE_PATH}` : null };
  }

  private onProbe(msg: Buffer, rinfo: dgram.RemoteInfo): void {
    const probe = readProbe(msg);
    if (!probe || !this.udp) return;
    if (probe.types.some((t) => !MATCHED_TYPES.has(t))) return;
    const scopes = simScopes(this.o.onvif, this.o.camera.name);
    if (probe.scopes.some((want) => !scopes.some((s) => s.toLowerCase().startsWith(want.toLowerCase())))) return;
    const xml = reply.probeMatches({
      style: this.o.onvif.style,
      messageId: `urn:uuid:${randomUUID()}`,
      relatesTo: probe.messageId,
      uuid: this.o.onvif.uuid,
      scopes,
      xaddrs: [this.deviceServiceUrl],
      ptz: this.o.onvif.quirks.ptz,
    });
    this.udp.send(xml, rinfo.port, rinfo.address);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    this.requests++;
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method === 'GET' && path === this.snapshotPath()) return this.snapshot(req, res);
    if (req.method !== 'POST' || ![DEVICE_SERVICE_PATH, MEDIA_SERVICE_PATH, PTZ_SERVICE_PATH].includes(path) && !this.events.handles(path)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_REQUEST_BYTES) {
        res.writeHead(413, { connection: 'close' }).end();
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      if (size <= MAX_REQUEST_BYTES) this.soap(req, res, path, Buffer.concat(chunks).toString('utf8'));
    });
  }

  private send(res: http.ServerResponse, status: number, xml: string, extra: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/soap+xml; charset=utf-8', 'content-length': Buffer.byteLength(xml), ...extra });
    res.end(xml);
  }

  private soap(req: http.IncomingMessage, res: http.ServerResponse, path: string, text: string): void {
    const { onvif } = this.o;
    const sreq = readSoapRequest(text);
    if (!sreq) return this.send(res, 400, reply.fault(onvif.style, 'Sender', 'ter:WellFormed', 'Well-formed Error'));
    if (!PRE_AUTH.has(sreq.operation) && !this.authorised(req, sreq)) return this.rejectAuth(req, res);
    if (this.events.handles(path)) {
      const search = new URL(req.url ?? '/', 'http://sim').search;
      void this.events.handle(path, search, sreq.operation, text, () => !res.destroyed && !req.socket.destroyed).then((r) => {
        if (!res.destroyed && !res.headersSent) this.send(res, r.status, r.xml);
      });
      return;
    }
    if (path === PTZ_SERVICE_PATH && this.o.ptz && onvif.quirks.ptz) {
      const r = ptzOperation(onvif, sreq.operation, text, this.o.ptz, this.deviceNow());
      if (r) return this.send(res, r.status, r.xml);
    }
    const u = this.urls();
    const body = this.operation(path, sreq.operation, sreq.profileToken, u);
    if (body === null) return this.send(res, 500, reply.fault(onvif.style, 'Receiver', 'ter:ActionNotSupported', `${sreq.operation} is not supported`));
    if (body === 'no-profile') return this.send(res, 400, reply.fault(onvif.style, 'Sender', 'ter:InvalidArgVal', 'No such profile'));
    this.send(res, 200, body);
  }

  private operation(path: string, op: string, profileToken: string | null, u: reply.ServiceUrls): string | 'no-profile' | null {
    const { onvif } = this.o;
    if (path === DEVICE_SERVICE_PATH) {
      switch (op) {
        case 'GetSystemDateAndTime':
          return reply.systemDateAndTime(onvif.style, new Date(this.deviceNow()));
        case 'GetDeviceInformation':
          return reply.deviceInformation(onvif);
        case 'GetCapabilities':
          return reply.capabilities(onvif, u);
        case 'GetServices':
          return reply.services(onvif, u);
        case 'GetNetworkInterfaces':
          return reply.networkInterfaces(onvif, this.o.host);
        default:
          return null;
      }
    }
    if (path === MEDIA_SERVICE_PATH) {
      if (op === 'GetProfiles') return reply.profiles(onvif);
      if (op !== 'GetStreamUri' && op !== 'GetSnapshotUri') return null;
      const profile = reply.profileSpecs(onvif).find((p) => p.token === profileToken);
      if (!profile) return 'no-profile';
      const host = onvif.quirks.wrongStreamHost ? SIM_WRONG_STREAM_HOST : this.o.host;
      if (op === 'GetStreamUri') {
        const url = new URL(this.o.streamUrls()[profile.stream]);
        url.hostname = host;
        return reply.mediaUri(onvif.style, 'GetStreamUriResponse', url.toString());
      }
      const snap = `http://${host}:${this.httpPort}${this.snapshotPath()}${onvif.style === 'hik' ? `?${profile.token}` : '?channel=1&subtype=0'}`;
      return reply.mediaUri(onvif.style, 'GetSnapshotUriResponse', snap);
    }
    return null; // PTZ: ptz-service.ts (when the fleet gave this device a head)
  }

  private snapshotPath(): string {
    return this.o.onvif.style === 'hik' ? '/onvif-http/snapshot' : '/onvifsnapshot/media_service/snapshot';
  }

  private digestOk(req: http.IncomingMessage): boolean {
    const creds = { username: this.o.camera.username, password: this.o.camera.password, realm: this.realm };
    return verifyDigest(req.headers.authorization, req.method ?? 'POST', creds, this.o.nonces) === 'ok';
  }

  private authorised(req: http.IncomingMessage, sreq: { token: Parameters<typeof verifyUsernameToken>[0] }): boolean {
    if (this.o.authBroken()) return false;
    if (req.headers.authorization) return this.digestOk(req);
    if (this.o.onvif.quirks.digestOnly) return false;
    const creds = { username: this.o.camera.username, password: this.o.camera.password };
    return verifyUsernameToken(sreq.token, creds, this.deviceNow(), this.tokenNonces) === 'ok';
  }

  /**
   * How each kind of device says no. A digest-only device must first challenge a client that sent no Authorization
   * header, or the client could never learn it wants Digest; after that, the faultOnBadAuth quirk answers wrong
   * credentials with a SOAP fault instead of another 401.
   */
  private rejectAuth(req: http.IncomingMessage, res: http.ServerResponse): void {
    const { onvif } = this.o;
    const challenge = (): string => digestChallenge(this.realm, this.o.nonces.issue(this.realm));
    const html401 = (): void => {
      const html = '<html><head><title>401 Unauthorized</title></head><body><h1>401 Unauthorized</h1></body></html>';
      res.writeHead(401, { 'content-type': 'text/html', 'www-authenticate': challenge(), 'content-length': Buffer.byteLength(html) }).end(html);
    };
    if (onvif.quirks.digestOnly && !req.headers.authorization) return html401();
    if (onvif.quirks.faultOnBadAuth) return this.send(res, 400, reply.fault(onvif.style, 'Sender', 'ter:NotAuthorized', 'Sender not Authorized'));
    if (onvif.quirks.digestOnly) return html401();
    this.send(res, 401, reply.fault(onvif.style, 'Sender', 'ter:NotAuthorized', 'Sender not Authorized'), { 'www-authenticate': challenge() });
  }

  private snapshot(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (this.o.authBroken() || !this.digestOk(req)) {
      res.writeHead(401, { 'www-authenticate': digestChallenge(this.realm, this.o.nonces.issue(this.realm)), 'content-length': 0 }).end();
      return;
    }
    this.jpeg ??= solidJpeg(this.o.colour);
    res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': this.jpeg.length, 'cache-control': 'no-store' }).end(this.jpeg);
  }
}
