// A pushed camera (RTMP, village cameras behind NAT) in-process: the gateway's RTMP server hands this run the
// publisher's FLV tags, `flv-demux.ts` turns them into access units with their decode times, and the fMP4 muxer
// writes the packager's bytes — no ffmpeg pulling the stream back over loopback.
import { Fmp4Muxer } from '../fmp4-mux';
import { TIMELINE_ORIGIN_90K } from './decode-timeline';
import { FlvDemuxer } from './flv-demux';
import { InProcessRun, type RunSink } from './in-process-run';

/** The RTMP server's side: a publishing camera's tags, its sequence headers first. */
export interface PushSource {
  /** null when the camera is not publishing; else the unsubscribe function. `onEnd`: the publisher went away. */
  subscribe(cameraId: string, onTag: (type: number, timestampMs: number, data: Buffer) => void, onEnd: () => void): (() => void) | null;
}

export interface RtmpPushIngestOptions extends RunSink {
  cameraId: string;
  source: PushSource;
  audio: 'copy' | 'none';
  ioTimeoutSec: number;
  fragmentMs: number;
}

/** Decode-time steps beyond these are a publisher restarting its clock: the timeline continues instead. */
const MAX_FORWARD_STEP_90K = 10 * 90_000;
const DEFAULT_STEP_90K = 3600;

export class RtmpPushIngest extends InProcessRun {
  private readonly demuxer = new FlvDemuxer();
  private config: { codec: 'h264' | 'h265'; nalus: Uint8Array[] } | null = null;
  private aacConfig: Uint8Array | null = null;
  private offset90k: number | null = null;
  private lastDts = -Infinity;
  private step90k = DEFAULT_STEP_90K;
  private lastTagAt = Date.now();
  private readonly unsubscribe: (() => void) | null;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly o: RtmpPushIngestOptions) {
    super(o);
    this.unsubscribe = o.source.subscribe(o.cameraId, (type, ms, data) => this.onTag(type, ms, data), () => this.finish('exited', 'the camera stopped publishing'));
    this.timer = setInterval(() => {
      if (Date.now() - this.lastTagAt > o.ioTimeoutSec * 1000) this.finish('not-responding', `no media for ${o.ioTimeoutSec} s`);
    }, 500);
    this.timer.unref();
    if (!this.unsubscribe) queueMicrotask(() => this.finish('exited', 'the camera is not publishing'));
  }

  private onTag(type: number, ms: number, data: Buffer): void {
    if (this.exited) return;
    this.lastTagAt = Date.now();
    try {
      const e = this.demuxer.push(type, ms, data);
      switch (e.kind) {
        case 'video-config':
          this.config = { codec: e.codec, nalus: e.nalus };
          return;
        case 'audio-config':
          this.aacConfig = e.config;
          return;
        case 'audio-codec':
          if (this.o.audio === 'copy') this.finish('exited', `the camera sends ${e.codec}: HLS needs AAC`, 'audio-transcode');
          return;
        case 'audio':
          if (this.muxer && this.offset90k !== null && this.o.audio === 'copy' && this.aacConfig) {
            const shift = Math.round((this.offset90k * e.frame.clockRate) / 90_000);
            if (e.frame.ptsClock + shift >= 0) this.muxer.addAudio({ ...e.frame, ptsClock: e.frame.ptsClock + shift });
          }
          return;
        case 'video':
          return this.onVideo(e.au, e.dts90k);
        case 'ignored':
          return;
      }
    } catch (err) {
      this.muxFailed(err);
    }
  }

  private onVideo(au: Parameters<Fmp4Muxer['addVideo']>[0], rawDts: number): void {
    if (!this.config) return;
    if (!this.muxer) {
      if (!au.key) return;
      this.muxer = new Fmp4Muxer({
        fragmentDurationMs: this.o.fragmentMs,
        parameterSets: this.config,
        ...(this.o.audio === 'copy' && this.aacConfig ? { audio: { codec: 'aac' as const, config: this.aacConfig } } : {}),
      });
      this.offset90k = TIMELINE_ORIGIN_90K - rawDts;
    }
    let dts = rawDts + (this.offset90k ?? 0);
    const step = dts - this.lastDts;
    if (Number.isFinite(this.lastDts) && (step > MAX_FORWARD_STEP_90K || step < -90_000)) {
      // A publisher restarting its clock: carry on one frame after the last picture.
      this.offset90k = (this.offset90k ?? 0) + this.lastDts + this.step90k - dts;
      dts = this.lastDts + this.step90k;
    } else if (step > 0 && step < 90_000) this.step90k = step;
    if (dts <= this.lastDts) dts = this.lastDts + 1;
    const pts = Math.max(dts, au.pts90k + (this.offset90k ?? 0));
    // Keyframes carry the latest sequence header's parameter sets, so a change reaches the muxer (a new init).
    const nalus = au.key ? [...this.config.nalus, ...au.nalus] : au.nalus;
    this.lastDts = dts;
    this.emit(this.muxer.addVideo({ ...au, pts90k: pts, nalus }, dts));
  }

  protected release(): Promise<void> {
    clearInterval(this.timer);
    this.unsubscribe?.();
    return Promise.resolve();
  }
}
