/**
 * Pacing: one shared ticker drives every playing session in the fleet. Each session computes from its own start
 * time which frames are due (no drift, no per-session timers), sends them as pre-stamped RTP, and skips to the next
 * keyframe when its socket is backed up, paused by a stall, or the process fell behind.
 */
import { randomInt } from 'node:crypto';
import type { Clip } from './clip';
import { stampTemplate } from './rtp-h264';

export interface PacedStream {
  /** Send whatever is due at monotonic time `nowMs`. */
  pump(nowMs: number): void;
}

export const now = (): number => performance.now();

/** A single interval timer, running only while at least one stream is registered. */
export class FrameTicker {
  private readonly streams = new Set<PacedStream>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly intervalMs = 10) {}

  get size(): number {
    return this.streams.size;
  }

  add(stream: PacedStream): void {
    this.streams.add(stream);
    if (!this.timer) {
      this.timer = setInterval(() => this.tick(), this.intervalMs);
      this.timer.unref();
    }
  }

  remove(stream: PacedStream): void {
    this.streams.delete(stream);
    if (this.streams.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  tick(nowMs = now()): void {
    for (const s of this.streams) {
      try {
        s.pump(nowMs);
      } catch {
        this.remove(s); // a broken stream must not stop the others
      }
    }
  }

  close(): void {
    this.streams.clear();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

/** What a PlaybackStream writes to: a net.Socket in practice. */
export interface PacedSink {
  readonly writableLength: number;
  readonly destroyed: boolean;
  write(data: Buffer): boolean;
}

export const BACKPRESSURE_BYTES = 4 * 1024 * 1024;
/** Behind by more than this many frames (event loop blocked, stall ended): resynchronise instead of bursting. */
const MAX_CATCH_UP_FRAMES = 25;

export interface PlaybackOptions {
  clip: Clip;
  sink: PacedSink;
  channel: number;
  /** Clip frame to start from; rounded down to a keyframe. */
  startFrame?: number;
  /** While this returns true, nothing is sent and the stream resumes at a keyframe afterwards. */
  isHeld?: () => boolean;
  onBytes?: (n: number) => void;
  backpressureBytes?: number;
  /**
   * A PTZ camera's picture of the moment (ptz-switcher.ts), asked at every keyframe: the stream switches clips only
   * there, and the frame count (hence the RTP clock) runs on. Clips must share the length and GOP of `clip`.
   */
  selectClip?: () => Clip;
  /** ts-jump cameras: RTP timestamps jump forward by this many 90 kHz ticks each time the clip loops (an NTP step). */
  jumpPerLoopTicks?: number;
}

/**
 * One session's media state. Frame n (counted from the first PLAY, decode order) is clip frame (startFrame + n) mod
 * length, with RTP timestamp base + (n + ptsOffset) × 3600: the presentation time, so B-frames make it
 * non-monotonic in decode order (RFC 6184 §5.1). Loop k of the clip adds k × clip duration (plus k × the jump on a
 * ts-jump camera), so presentation times never go back.
 */
export class PlaybackStream implements PacedStream {
  readonly ssrc = randomInt(0, 2 ** 32);
  /** Next RTP sequence number (mod 2^16). */
  seq = randomInt(0, 2 ** 16);
  readonly rtpBase = randomInt(0, 2 ** 32);
  framesSent = 0;
  framesSkipped = 0;
  bytesSent = 0;
  /** RTP packets and payload octets sent (RTCP sender reports). */
  packetsSent = 0;
  payloadBytesSent = 0;

  private clip: Clip;
  private readonly selectClip: (() => Clip) | null;
  private readonly sink: PacedSink;
  private readonly channel: number;
  private readonly startFrame: number;
  private readonly frameMs: number;
  private readonly isHeld: () => boolean;
  private readonly onBytes: (n: number) => void;
  private readonly backpressureBytes: number;
  private readonly jumpPerLoopTicks: number;
  private epochMs = 0;
  /** Frames [0, nextFrame) are done (sent or skipped). */
  private nextFrame = 0;
  private waitKeyframe = false;
  private playing = false;

  constructor(o: PlaybackOptions) {
    this.clip = o.clip;
    this.selectClip = o.selectClip ?? null;
    this.sink = o.sink;
    this.channel = o.channel;
    const len = o.clip.accessUnits.length;
    let start = (((o.startFrame ?? 0) % len) + len) % len;
    while (start > 0 && !o.clip.accessUnits[start]?.keyframe) start--;
    this.startFrame = start;
    this.frameMs = 1000 / o.clip.fps;
    this.isHeld = o.isHeld ?? (() => false);
    this.onBytes = o.onBytes ?? (() => {});
    this.backpressureBytes = o.backpressureBytes ?? BACKPRESSURE_BYTES;
    this.jumpPerLoopTicks = o.jumpPerLoopTicks ?? 0;
  }

  /** Monotonic time (performance.now ms) at which session frame 0 was due; meaningful once playing. */
  get startedAtMono(): number {
    return this.epochMs;
  }

  /** The clip frame (decode order, a keyframe) session frame 0 showed. */
  get firstClipFrame(): number {
    return this.startFrame;
  }

  get frameDurationMs(): number {
    return this.frameMs;
  }

  get currentClip(): Clip {
    return this.clip;
  }

  /** Loops completed before session frame n (decode order). */
  loopsBefore(n: number): number {
    return Math.floor((this.startFrame + n) / this.clip.accessUnits.length);
  }

  get isPlaying(): boolean {
    return this.playing;
  }

  /** RTP timestamp of session frame n: its presentation time, plus the accumulated jumps of a ts-jump camera. */
  timestampOf(n: number): number {
    const ticks = this.clip.durationTicks / this.clip.accessUnits.length;
    const jumps = this.jumpPerLoopTicks * this.loopsBefore(n);
    return (this.rtpBase + (n + this.auAt(n).ptsOffset) * ticks + jumps) % 2 ** 32;
  }

  /** RTP timestamp of the presentation instant `nowMs` (for RTCP sender reports), on the same clock as timestampOf. */
  timestampAt(nowMs: number): number {
    const ticksPerMs = this.clip.durationTicks / this.clip.accessUnits.length / this.frameMs;
    const n = Math.max(0, Math.floor((nowMs - this.epochMs) / this.frameMs));
    const ticks = (nowMs - this.epochMs) * ticksPerMs + this.jumpPerLoopTicks * this.loopsBefore(n);
    return Math.round(this.rtpBase + ticks) % 2 ** 32;
  }

  /** Begin (or resume) sending. Returns seq/rtptime of the first packet for the RTP-Info header. */
  play(nowMs = now()): { seq: number; rtptime: number } {
    if (!this.playing) {
      if (this.framesSent + this.framesSkipped === 0 && this.nextFrame === 0) {
        this.epochMs = nowMs; // frame 0 is due immediately
      } else {
        // Resume after PAUSE: timestamps keep following the wall clock; restart at a keyframe.
        this.nextFrame = this.dueFrames(nowMs);
        this.waitKeyframe = true;
      }
      this.playing = true;
    }
    let first = this.nextFrame;
    if (this.waitKeyframe) while (!this.auAt(first).keyframe) first++;
    return { seq: this.seq, rtptime: this.timestampOf(first) };
  }

  pause(): void {
    this.playing = false;
  }

  /** Number of frames due by nowMs (frame n is due at epoch + n × frame duration). */
  private dueFrames(nowMs: number): number {
    return Math.floor((nowMs - this.epochMs) / this.frameMs) + 1;
  }

  private auAt(n: number): Clip['accessUnits'][number] {
    const units = this.clip.accessUnits;
    const au = units[(this.startFrame + n) % units.length];
    if (!au) throw new Error('empty clip');
    return au;
  }

  pump(nowMs: number): void {
    if (!this.playing || this.sink.destroyed) return;
    const due = this.dueFrames(nowMs);
    if (due <= this.nextFrame) return;
    if (this.isHeld()) {
      this.framesSkipped += due - this.nextFrame;
      this.nextFrame = due;
      this.waitKeyframe = true;
      return;
    }
    if (due - this.nextFrame > MAX_CATCH_UP_FRAMES) {
      this.framesSkipped += due - 1 - this.nextFrame;
      this.nextFrame = due - 1;
      this.waitKeyframe = true;
    }
    while (this.nextFrame < due) {
      const n = this.nextFrame++;
      if (this.selectClip && this.auAt(n).keyframe) {
        const next = this.selectClip();
        if (next.accessUnits.length === this.clip.accessUnits.length) this.clip = next;
      }
      const au = this.auAt(n);
      if (this.waitKeyframe && !au.keyframe) {
        this.framesSkipped++;
        continue;
      }
      if (this.sink.writableLength > this.backpressureBytes) {
        this.waitKeyframe = true;
        this.framesSkipped++;
        continue;
      }
      this.waitKeyframe = false;
      const { bytes, nextSeq } = stampTemplate(au.template, {
        channel: this.channel,
        firstSeq: this.seq,
        timestamp: this.timestampOf(n),
        ssrc: this.ssrc,
      });
      this.seq = nextSeq;
      this.sink.write(bytes);
      this.framesSent++;
      this.bytesSent += bytes.length;
      this.packetsSent += au.template.packetOffsets.length;
      this.payloadBytesSent += bytes.length - 16 * au.template.packetOffsets.length;
      this.onBytes(bytes.length);
    }
  }
}
