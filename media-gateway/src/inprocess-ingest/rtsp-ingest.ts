// The in-process ingest run: the RTSP client's access units → decode times → the fMP4 muxer → the packager's bytes,
// the same bytes an ffmpeg child writes to its stdout, so the packager and the pipeline's supervision do not care
// which path fed them. No child process, and the password stays in this process.
import { RtspClient, RtspClientError, type Credentials, type RtspTransport, type StreamInfo } from '../rtsp-client';
import type { AudioFrame, VideoAccessUnit } from '../../../contracts/src/media-units';
import { Fmp4Muxer, parseH264Sps, parseH265Sps } from '../fmp4-mux';
import { DecodeTimeline, declaredReorderDepth } from './decode-timeline';
import type { IngestFailure } from '../ingest/ffmpeg-errors';
import { InProcessRun, type RunSink } from './in-process-run';

export interface RtspIngestOptions extends RunSink {
  /** rtsp:// URL; credentials in it are taken out by the client and never sent in a request line. */
  url: string;
  credentials?: Credentials;
  transport: RtspTransport;
  /** `copy`: AAC is muxed as received; `none`: video only. (G.711 needs ffmpeg: the run ends with `needsFfmpeg`.) */
  audio: 'copy' | 'none';
  ioTimeoutSec: number;
  fragmentMs: number;
  userAgent: string;
  /** The reorder depth an earlier run of this camera learnt (for H.264 streams that do not declare it). */
  learntReorderDepth?: number | null;
  secrets: string[];
  /** A deeper B-frame reordering was learnt (remembered by the caller for the next run). */
  onReorderDepth?(depth: number): void;
  log?(message: string): void;
}

const H264_SPS = 7;
const H265_SPS = 33;

export class RtspIngest extends InProcessRun {
  private readonly client: RtspClient;
  private timeline: DecodeTimeline | null = null;
  private info: StreamInfo | null = null;
  private muxAudio = false;
  /** Audio timestamp offset (its clock) onto the output timeline; null until the first video access unit. */
  private audioOffset: number | null = null;
  private audioRebase = false;
  private lastAudioOut = 0;

  constructor(private readonly o: RtspIngestOptions) {
    super(o);
    const timeoutMs = o.ioTimeoutSec * 1000;
    this.client = new RtspClient({
      url: o.url,
      ...(o.credentials ? { credentials: o.credentials } : {}),
      transport: o.transport,
      connectTimeoutMs: timeoutMs,
      requestTimeoutMs: timeoutMs,
      mediaTimeoutMs: timeoutMs,
      userAgent: o.userAgent,
    });
    this.client.on('video', (au) => this.onVideo(au));
    this.client.on('audio', (frame) => this.onAudio(frame));
    this.client.on('discontinuity', (e) => {
      if (e.kind === 'ssrc-change') return; // the client keeps pts running across a new SSRC
      if (e.track === 'video') this.timeline?.rebase();
      else this.audioRebase = true;
    });
    this.client.on('error', (e) => this.finish(this.failureOf(e.reason, e.message), e.message));
    // Not start()'s result: access units that came with the PLAY response are emitted before it resolves.
    this.client.on('playing', (info) => this.onStarted(info));
    void this.client.start().catch(
      (err: unknown) => {
        const e = err instanceof RtspClientError ? err : new RtspClientError('protocol', String(err));
        if (e.reason === 'unsupported-media') this.finish('invalid-data', e.message, 'unsupported-media');
        else this.finish(this.failureOf(e.reason, e.message, e.status), e.message);
      },
    );
  }

  private onStarted(info: StreamInfo): void {
    if (this.exited) return;
    this.info = info;
    const audio = info.audio;
    if (audio && this.o.audio === 'copy' && audio.codec !== 'aac') {
      this.finish('exited', `the camera sends ${audio.codec}: HLS needs AAC`, 'audio-transcode');
      return;
    }
    this.muxAudio = this.o.audio === 'copy' && audio?.codec === 'aac' && !!audio.aacConfig;
    this.o.log?.(`in-process ingest playing: video ${info.video?.codec ?? '?'}, audio ${this.muxAudio ? 'aac' : 'none'}${info.skipped.length ? `; skipped: ${info.skipped.join('; ')}` : ''}`);
  }

  private newMuxer(): Fmp4Muxer {
    const video = this.info?.video;
    const sdpSets = video ? [...video.vps, ...video.sps, ...video.pps] : [];
    const audio = this.info?.audio;
    return new Fmp4Muxer({
      fragmentDurationMs: this.o.fragmentMs,
      ...(this.muxAudio && audio?.aacConfig ? { audio: { codec: 'aac' as const, config: audio.aacConfig } } : {}),
      ...(video && sdpSets.length > 0 ? { parameterSets: { codec: video.codec, nalus: sdpSets } } : {}),
    });
  }

  private onVideo(au: VideoAccessUnit): void {
    if (this.exited || !this.info) return;
    try {
      if (!this.timeline || !this.muxer) {
        const declared = this.reorderDepthOf(au);
        const learnt = this.o.learntReorderDepth ?? 0;
        this.timeline = new DecodeTimeline(declared ?? learnt, declared === null);
        this.muxer = this.newMuxer();
      }
      const timed = this.timeline.push(au);
      if (!timed.ok) return this.reorderGrew(timed.reorderDepth, au);
      // Audio shares the RTP zero with video: the same shift onto the output timeline, in its own clock.
      if (this.audioOffset === null && this.info.audio) this.audioOffset = Math.round((this.timeline.offset90k * this.info.audio.clockRate) / 90_000);
      for (const { au: unit, dts90k } of timed.units) this.emit(this.muxer.addVideo(unit, dts90k));
    } catch (err) {
      this.muxFailed(err);
    }
  }

  /** B-frames deeper than assumed: the frames muxed so far go out, and a new muxer starts at the next keyframe. */
  private reorderGrew(depth: number, au: VideoAccessUnit): void {
    this.o.log?.(`B-frame reordering of depth ${depth} learnt: restarting the muxer`);
    this.o.onReorderDepth?.(depth);
    if (this.muxer) this.emit(this.muxer.flush());
    this.timeline = new DecodeTimeline(depth, true);
    this.muxer = this.newMuxer();
    this.audioOffset = null;
    if (au.key) this.onVideo(au);
  }

  private onAudio(frame: AudioFrame): void {
    if (this.exited || !this.muxAudio || !this.muxer || this.audioOffset === null) return;
    const step = Math.round((1024 * frame.clockRate) / (this.info?.audio?.clockRate ?? frame.clockRate));
    if (this.audioRebase) {
      this.audioOffset = this.lastAudioOut + step - frame.ptsClock;
      this.audioRebase = false;
    }
    const out = frame.ptsClock + this.audioOffset;
    this.lastAudioOut = out;
    if (out < 0) return;
    try {
      this.muxer.addAudio({ ...frame, ptsClock: out });
    } catch (err) {
      this.muxFailed(err);
    }
  }

  private reorderDepthOf(au: VideoAccessUnit): number | null {
    const video = this.info?.video;
    const sps = au.nalus.find((n) => (au.codec === 'h264' ? (n[0] ?? 0) & 0x1f : ((n[0] ?? 0) >> 1) & 0x3f) === (au.codec === 'h264' ? H264_SPS : H265_SPS)) ?? video?.sps?.[0];
    if (!sps) return null;
    try {
      if (au.codec === 'h265') return declaredReorderDepth({ codec: 'h265', maxNumReorderPics: parseH265Sps(sps).maxNumReorderPics });
      const p = parseH264Sps(sps);
      return declaredReorderDepth({ codec: 'h264', profileIdc: p.profileIdc, pocType: p.pocType, maxNumReorderFrames: p.maxNumReorderFrames });
    } catch {
      return null; // the muxer reports an unreadable SPS
    }
  }

  /** The pipeline's failure classes, as ffmpeg's words would have given them (see streams/ingest-exit.ts). */
  private failureOf(reason: RtspClientError['reason'], message: string, status?: number): IngestFailure {
    switch (reason) {
      case 'auth-failed':
        return 'auth-failed';
      case 'unsupported-transport':
        return 'unsupported-transport';
      case 'connection-refused':
        return 'connection-refused';
      case 'not-responding':
        if (/EHOSTUNREACH|ENETUNREACH/.test(message)) return 'unreachable';
        return /^no TCP connection/.test(message) ? 'timeout' : 'not-responding';
      case 'protocol':
        if (status === 403) return 'auth-failed';
        if (status === 404 || status === 454) return 'stream-not-found';
        if (status !== undefined && status >= 500) return 'camera-error';
        return 'invalid-data';
      case 'closed':
        return /ENOTFOUND|EAI_AGAIN/.test(message) ? 'unreachable' : 'exited';
      case 'unsupported-media':
        return 'invalid-data';
    }
  }

  protected release(): Promise<void> {
    return this.client.close();
  }
}
