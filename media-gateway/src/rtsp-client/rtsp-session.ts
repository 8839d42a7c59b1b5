/**
 * The RTSP client session (RFC 2326): OPTIONS, DESCRIBE (redirects followed to the same host only, at most 3),
 * SETUP per track over TCP interleaved or UDP, PLAY, keep-alive at half the session timeout (GET_PARAMETER when the
 * camera lists it in Public, else OPTIONS), RTCP receiver reports every 5 s, a media timeout, TEARDOWN on close.
 * Failures are RtspClientError with a typed reason; 461 is 'unsupported-transport' so the caller can try UDP.
 */
import { randomInt } from 'node:crypto';
import { RtspClientError, protocolError } from './errors';
import { TypedEmitter } from './emitter';
import { Authenticator, type Credentials } from './rtsp-auth';
import { RtspConnection } from './rtsp-connection';
import { parsePublic, parseRtpInfo, parseSession, parseTransport, rtpInfoFor } from './rtsp-headers';
import { header, type InterleavedFrame, type RtspResponse } from './rtsp-message';
import { baseUrl, parseSdp, resolveControl } from './sdp';
import { trackConfig, type AudioTrackConfig, type TrackConfig, type VideoTrackConfig } from './track-config';
import { TrackReceiver, type TrackStats, type VideoParamSets } from './track-receiver';
import type { AudioFrame, DiscontinuityEvent, ErrorEvent, LossEvent, VideoAccessUnit } from './types';
import { bindUdpPair, normaliseAddress, type UdpPair } from './udp-transport';

export type RtspTransport = 'tcp' | 'udp';

export interface RtspClientOptions {
  /** rtsp://host[:port]/path; credentials in it are taken out and never sent in a request line. */
  url: string;
  credentials?: Credentials | undefined;
  transport: RtspTransport;
  connectTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** No RTP on any track for this long while playing → 'not-responding'. */
  mediaTimeoutMs?: number;
  rtcpIntervalMs?: number;
  /** Drop video until the first keyframe (default true), so the first access unit can start a fragment. */
  waitForKeyframe?: boolean;
  userAgent?: string;
  log?: (msg: string) => void;
  /** Sees every RTP/RTCP packet as received (track index in SETUP order), for capture tools and debugging. */
  tap?: (track: number, kind: 'rtp' | 'rtcp', packet: Uint8Array) => void;
}

export interface StreamInfo {
  video: VideoTrackConfig | null;
  audio: AudioTrackConfig | null;
  /** Tracks the SDP offered that this client skipped, with why. */
  skipped: string[];
  sessionTimeoutS: number;
  /** The DESCRIBE body as received (for diagnostics and capture tools). */
  sdp: string;
  keepAliveMethod: 'GET_PARAMETER' | 'OPTIONS';
}

interface ClientEvents extends Record<string, unknown> {
  /** PLAY was answered: emitted before any media event (start() resolves only after media held meanwhile went out). */
  playing: StreamInfo;
  video: VideoAccessUnit;
  audio: AudioFrame;
  discontinuity: DiscontinuityEvent;
  loss: LossEvent;
  error: ErrorEvent;
}

interface SetupTrack {
  receiver: TrackReceiver;
  url: string;
  rtpChannel?: number;
  rtcpChannel?: number;
  udp?: UdpPair;
  serverRtcp?: { address: string; port: number };
}

const MAX_REDIRECTS = 3;
const MAX_AUTH_ROUNDS = 3;

export class RtspClient extends TypedEmitter<ClientEvents> {
  private readonly url: string;
  private readonly credentials: Credentials | null;
  private readonly auth: Authenticator;
  private readonly o: Required<Omit<RtspClientOptions, 'credentials' | 'log' | 'userAgent' | 'tap'>> & { userAgent: string };
  private readonly tap: RtspClientOptions['tap'];
  private readonly log: (msg: string) => void;
  private conn: RtspConnection | null = null;
  private session: string | null = null;
  /** The aggregate control URL once DESCRIBE answered (after redirects): PLAY, keep-alives and TEARDOWN go there. */
  private aggregate: string;
  private tracks: SetupTrack[] = [];
  private timers: NodeJS.Timeout[] = [];
  private closed = false;
  private playing = false;
  private readonly reporterSsrc = randomInt(1, 2 ** 32 - 1);

  constructor(options: RtspClientOptions) {
    super();
    let u: URL;
    try {
      u = new URL(options.url);
    } catch {
      // Not echoed: the text may hold a password.
      throw new RtspClientError('protocol', 'invalid RTSP URL');
    }
    if (u.protocol !== 'rtsp:') throw new RtspClientError('protocol', `unsupported URL scheme ${u.protocol}`);
    const fromUrl = u.username ? { username: decodeURIComponent(u.username), password: decodeURIComponent(u.password) } : null;
    u.username = '';
    u.password = '';
    this.url = u.toString();
    this.aggregate = this.url;
    this.credentials = options.credentials ?? fromUrl;
    this.auth = new Authenticator(this.credentials);
    this.log = options.log ?? (() => {});
    this.tap = options.tap;
    this.o = {
      url: this.url,
      transport: options.transport,
      connectTimeoutMs: options.connectTimeoutMs ?? 5000,
      requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
      mediaTimeoutMs: options.mediaTimeoutMs ?? 10_000,
      rtcpIntervalMs: options.rtcpIntervalMs ?? 5000,
      waitForKeyframe: options.waitForKeyframe ?? true,
      userAgent: options.userAgent ?? 'county-video-gateway',
    };
  }

  /** Per-track counters for metrics (empty before SETUP and after close). */
  stats(): TrackStats[] {
    return this.tracks.map((t) => t.receiver.stats());
  }

  /** Parameter sets seen so far on the video track (SDP, then in-band). */
  get videoParamSets(): VideoParamSets | null {
    return this.tracks.find((t) => t.receiver.config.kind === 'video')?.receiver.paramSets ?? null;
  }

  /** Connect, DESCRIBE, SETUP, PLAY. Rejects with RtspClientError; afterwards failures arrive as 'error' events. */
  async start(): Promise<StreamInfo> {
    try {
      return await this.open();
    } catch (err) {
      this.teardownLocal();
      throw err instanceof RtspClientError ? err : new RtspClientError('protocol', (err as Error).message);
    }
  }

  /** TEARDOWN (best effort, not waited on for long) and release sockets and timers. */
  async close(): Promise<void> {
    if (this.closed) return;
    const conn = this.conn;
    const session = this.session;
    this.closed = true;
    if (conn && !conn.closed && session) {
      const teardown = this.request('TEARDOWN', this.aggregate, {}).catch(() => undefined);
      await Promise.race([teardown, new Promise((r) => setTimeout(r, 500).unref())]);
    }
    this.teardownLocal();
  }

  private async connect(url: string): Promise<void> {
    this.conn?.close();
    const u = new URL(url);
    const conn = await RtspConnection.connect(u.hostname, Number(u.port || 554), this.o.connectTimeoutMs, this.o.requestTimeoutMs, {
      interleaved: (f) => this.onInterleaved(f),
      failed: (e) => this.fail(e),
    });
    // close() while connecting: nothing may be left open behind it.
    if (this.closed) {
      conn.close();
      throw new RtspClientError('closed', 'client closed while connecting');
    }
    this.conn = conn;
  }

  /** After every wait of the set-up: a close() meanwhile ends it (sockets bound since are released by the caller). */
  private checkOpen(step: string): void {
    if (this.closed) throw new RtspClientError('closed', `client closed during ${step}`);
  }

  private async open(): Promise<StreamInfo> {
    let url = this.url;
    await this.connect(url);
    const options = await this.request('OPTIONS', url, {});
    const methods = options.status === 200 ? parsePublic(header(options.headers, 'public')) : new Set<string>();

    let describe: RtspResponse | null = null;
    for (let hop = 0; ; hop++) {
      describe = await this.request('DESCRIBE', url, { Accept: 'application/sdp' });
      if (describe.status < 300 || describe.status >= 400) break;
      const location = header(describe.headers, 'location');
      if (!location || hop >= MAX_REDIRECTS) throw new RtspClientError('protocol', `DESCRIBE redirected too often or without Location (${describe.status})`, describe.status);
      const target = new URL(location, url);
      if (target.protocol !== 'rtsp:' || target.hostname !== new URL(url).hostname) {
        throw new RtspClientError('protocol', `DESCRIBE redirect to another host refused (${target.hostname})`, describe.status);
      }
      target.username = '';
      target.password = '';
      const sameEndpoint = (target.port || '554') === (new URL(url).port || '554');
      url = target.toString();
      if (!sameEndpoint) await this.connect(url);
    }
    this.expectOk('DESCRIBE', describe);
    const sdpText = describe.body.toString('utf8');
    const sdp = parseSdp(sdpText);
    const base = baseUrl(url, header(describe.headers, 'content-base'), header(describe.headers, 'content-location'));
    const aggregate = resolveControl(base, sdp.control);
    this.aggregate = aggregate;

    const skipped: string[] = [];
    let video: VideoTrackConfig | null = null;
    let audio: AudioTrackConfig | null = null;
    for (const m of sdp.media) {
      const c = trackConfig(m);
      if (typeof c === 'string') skipped.push(c);
      else if (c.kind === 'video' && !video) video = c;
      else if (c.kind === 'audio' && !audio) audio = c;
    }
    if (!video) throw new RtspClientError('unsupported-media', `no usable video track${skipped.length ? `: ${skipped.join('; ')}` : ''}`);

    let timeoutS = await this.setup(video, resolveControl(base, video.control), 0);
    if (audio) {
      try {
        timeoutS = await this.setup(audio, resolveControl(base, audio.control), 1);
      } catch (err) {
        // A camera listing an audio track it then refuses (audio switched off, a 404): carry on with video. Auth,
        // transport and dead-connection failures are the whole session's.
        if (!(err instanceof RtspClientError) || err.reason !== 'protocol' || err.status === undefined) throw err;
        skipped.push(`audio: SETUP answered ${err.status}`);
        this.tracks.pop()?.udp?.close();
        audio = null;
      }
    }

    const play = await this.request('PLAY', aggregate, { Range: 'npt=0.000-' });
    this.checkOpen('PLAY');
    this.expectOk('PLAY', play);
    const info = parseRtpInfo(header(play.headers, 'rtp-info'));
    const keepAliveMethod = methods.has('GET_PARAMETER') ? 'GET_PARAMETER' : 'OPTIONS';
    const stream: StreamInfo = { video, audio, skipped, sessionTimeoutS: timeoutS, sdp: sdpText, keepAliveMethod };
    this.playing = true;
    // Media that came with or before the PLAY response is released synchronously just below, before start()'s caller
    // resumes: a consumer must know the tracks by then or it drops the first keyframe (a whole GOP of latency).
    this.emit('playing', stream);
    this.checkOpen('PLAY');
    this.tracks.forEach((t, i) => t.receiver.setRtpTime(rtpInfoFor(info, t.url, i, this.tracks.length)?.rtptime));
    this.startTimers(keepAliveMethod, timeoutS, aggregate);
    return stream;
  }

  private async setup(config: TrackConfig, trackUrl: string, index: number): Promise<number> {
    const receiver = new TrackReceiver({
      config,
      waitForKeyframe: this.o.waitForKeyframe,
      holdUntilPlay: true,
      reorder: this.o.transport === 'udp',
      sink: {
        video: (au) => this.emit('video', au),
        audio: (f) => this.emit('audio', f),
        discontinuity: (e) => this.emit('discontinuity', e),
        loss: (e) => this.emit('loss', e),
      },
    });
    const track: SetupTrack = { receiver, url: trackUrl };
    let transport: string;
    if (this.o.transport === 'tcp') {
      transport = `RTP/AVP/TCP;unicast;interleaved=${index * 2}-${index * 2 + 1}`;
    } else {
      const local = normaliseAddress(this.conn!.socket.localAddress);
      let udp: UdpPair;
      try {
        udp = await bindUdpPair(local);
      } catch (err) {
        throw new RtspClientError('unsupported-transport', (err as Error).message);
      }
      if (this.closed) udp.close();
      this.checkOpen('SETUP');
      track.udp = udp;
      transport = `RTP/AVP;unicast;client_port=${udp.rtpPort}-${udp.rtcpPort}`;
    }
    this.tracks.push(track);
    const res = await this.request('SETUP', trackUrl, { Transport: transport });
    if (res.status === 461) throw new RtspClientError('unsupported-transport', `SETUP ${this.o.transport.toUpperCase()}: 461 Unsupported Transport`, 461);
    this.expectOk('SETUP', res);
    const session = parseSession(header(res.headers, 'session'));
    if (!session) throw protocolError('SETUP response without a valid Session header');
    if (this.session !== null && session.id !== this.session) throw protocolError('SETUP answered with another session id');
    this.session = session.id;
    const reply = parseTransport(header(res.headers, 'transport'));
    if (!reply || reply.protocol !== this.o.transport) throw protocolError(`SETUP answered with an unexpected Transport`);
    if (reply.protocol === 'tcp') {
      [track.rtpChannel, track.rtcpChannel] = reply.interleaved ?? [index * 2, index * 2 + 1];
    } else {
      const peer = normaliseAddress(this.conn!.socket.remoteAddress);
      // RFC 2326 §12.39: `source` names the sender when it is not the RTSP peer; otherwise only the peer may send.
      const source = reply.source && /^[0-9a-fA-F.:]+$/.test(reply.source) ? reply.source : peer;
      const udp = track.udp!;
      udp.rtp.on('message', (msg, rinfo) => {
        if (normaliseAddress(rinfo.address) !== source) return;
        this.tap?.(index, 'rtp', msg);
        receiver.pushRtp(msg);
      });
      udp.rtcp.on('message', (msg, rinfo) => {
        if (normaliseAddress(rinfo.address) !== source) return;
        this.tap?.(index, 'rtcp', msg);
        receiver.pushRtcp(msg);
      });
      if (reply.serverPort) track.serverRtcp = { address: source, port: reply.serverPort[1] };
    }
    return session.timeoutS;
  }

  private startTimers(keepAliveMethod: string, timeoutS: number, aggregate: string): void {
    const every = (ms: number, fn: () => void): void => {
      const t = setInterval(fn, ms);
      t.unref();
      this.timers.push(t);
    };
    every((timeoutS * 1000) / 2, () => {
      this.request(keepAliveMethod, aggregate, {}).catch((err: unknown) => {
        if (err instanceof RtspClientError && !this.closed) this.fail(err);
      });
    });
    every(this.o.rtcpIntervalMs, () => this.sendReceiverReports());
    let lastCount = -1;
    let lastChange = performance.now();
    every(Math.min(1000, this.o.mediaTimeoutMs / 2), () => {
      const count = this.tracks.reduce((n, t) => n + t.receiver.packetsReceived, 0);
      const now = performance.now();
      if (count !== lastCount) {
        lastCount = count;
        lastChange = now;
      } else if (now - lastChange >= this.o.mediaTimeoutMs) {
        this.fail(new RtspClientError('not-responding', `no media for ${Math.round((now - lastChange) / 1000)} s`));
      }
    });
  }

  private sendReceiverReports(): void {
    for (const t of this.tracks) {
      const rr = t.receiver.receiverReport(this.reporterSsrc, `gateway@${this.reporterSsrc.toString(16)}`);
      if (!rr) continue;
      if (t.rtcpChannel !== undefined) this.conn?.sendInterleaved(t.rtcpChannel, rr);
      else if (t.udp && t.serverRtcp) t.udp.rtcp.send(rr, t.serverRtcp.port, t.serverRtcp.address);
    }
  }

  private onInterleaved(f: InterleavedFrame): void {
    for (const [i, t] of this.tracks.entries()) {
      if (f.channel === t.rtpChannel) {
        this.tap?.(i, 'rtp', f.payload);
        return t.receiver.pushRtp(f.payload);
      }
      if (f.channel === t.rtcpChannel) {
        this.tap?.(i, 'rtcp', f.payload);
        return t.receiver.pushRtcp(f.payload);
      }
    }
  }

  private expectOk(method: string, res: RtspResponse): void {
    if (res.status === 200) return;
    if (res.status === 401) throw new RtspClientError('auth-failed', `${method}: 401 Unauthorized`, 401);
    throw new RtspClientError('protocol', `${method}: ${res.status} ${res.reason.slice(0, 80)}`, res.status);
  }

  /** One request, answering 401 challenges (a stale nonce is renewed without counting as a failure). */
  private async request(method: string, uri: string, headers: Record<string, string | undefined>): Promise<RtspResponse> {
    for (let round = 0; ; round++) {
      const conn = this.conn;
      if (!conn) throw new RtspClientError('closed', `${method}: not connected`);
      if (this.closed && method !== 'TEARDOWN') throw new RtspClientError('closed', `${method}: client closed`);
      const res = await conn.request(method, uri, {
        ...headers,
        Authorization: this.auth.authorization(method, uri),
        Session: this.session ?? undefined,
        'User-Agent': this.o.userAgent,
      });
      if (res.status !== 401) {
        if (res.status < 400) this.auth.onSuccess();
        return res;
      }
      const verdict = round < MAX_AUTH_ROUNDS ? this.auth.onChallenge(res.headers.get('www-authenticate') ?? []) : 'failed';
      if (verdict === 'retry') continue;
      const why = !this.credentials ? 'credentials required' : verdict === 'unsupported' ? 'unsupported authentication scheme' : 'credentials rejected';
      throw new RtspClientError('auth-failed', `${method}: 401 Unauthorized (${why})`, 401);
    }
  }

  private fail(error: RtspClientError): void {
    if (this.closed) return;
    const wasPlaying = this.playing;
    this.closed = true;
    this.teardownLocal();
    this.log(`rtsp-client: ${error.reason}: ${error.message}`);
    // Before PLAY the failure rejects start() (the pending request fails with it); only report it once.
    if (wasPlaying) this.emit('error', { reason: error.reason, message: error.message });
  }

  private teardownLocal(): void {
    this.playing = false;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    for (const t of this.tracks) t.udp?.close();
    this.tracks = [];
    this.conn?.close();
  }
}
