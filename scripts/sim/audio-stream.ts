/**
 * One session's audio track: pre-built RTP packets sent on the same shared ticker and from the same start instant as
 * the video, so both tracks' RTP clocks map to one wall clock (and the sender reports say so).
 */
import { randomInt } from 'node:crypto';
import type { AudioClip } from './audio-clip';
import { BACKPRESSURE_BYTES, type PacedSink, type PacedStream } from './pacer';
import { stampTemplate } from './rtp-h264';

const MAX_CATCH_UP_MS = 1000;

export interface AudioPlaybackOptions {
  clip: AudioClip;
  sink: PacedSink;
  channel: number;
  isHeld?: () => boolean;
  /** ts-jump cameras: how many clip loops the video completed by `offsetMs` after the start, and the jump per loop in seconds. */
  loopsAt?: (offsetMs: number) => number;
  jumpPerLoopSec?: number;
}

export class AudioPlayback implements PacedStream {
  readonly ssrc = randomInt(0, 2 ** 32);
  seq = randomInt(0, 2 ** 16);
  readonly rtpBase = randomInt(0, 2 ** 32);
  packetsSent = 0;
  bytesSent = 0;
  payloadBytesSent = 0;
  private readonly packetMs: number;
  private epochMs = 0;
  private next = 0;
  private started = false;
  private playing = false;

  constructor(private readonly o: AudioPlaybackOptions) {
    this.packetMs = (o.clip.samplesPerPacket / o.clip.clockRate) * 1000;
  }

  get isPlaying(): boolean {
    return this.playing;
  }

  private jumpTicks(offsetMs: number): number {
    const sec = this.o.jumpPerLoopSec ?? 0;
    return sec && this.o.loopsAt ? this.o.loopsAt(offsetMs) * sec * this.o.clip.clockRate : 0;
  }

  /** RTP timestamp of packet m. */
  timestampOf(m: number): number {
    return (this.rtpBase + m * this.o.clip.samplesPerPacket + this.jumpTicks(m * this.packetMs)) % 2 ** 32;
  }

  /** RTP timestamp of the instant nowMs (sender reports). */
  timestampAt(nowMs: number): number {
    const off = nowMs - this.epochMs;
    return Math.round(this.rtpBase + (off / 1000) * this.o.clip.clockRate + this.jumpTicks(off)) % 2 ** 32;
  }

  /** Start at `epochMs` (the video's start instant) or resume after PAUSE. */
  play(nowMs: number, epochMs = nowMs): { seq: number; rtptime: number } {
    if (!this.playing) {
      if (!this.started) {
        this.epochMs = epochMs;
        this.next = Math.max(0, Math.floor((nowMs - epochMs) / this.packetMs));
        this.started = true;
      } else this.next = Math.max(this.next, this.due(nowMs) - 1);
      this.playing = true;
    }
    return { seq: this.seq, rtptime: this.timestampOf(this.next) };
  }

  pause(): void {
    this.playing = false;
  }

  private due(nowMs: number): number {
    return Math.floor((nowMs - this.epochMs) / this.packetMs) + 1;
  }

  pump(nowMs: number): void {
    if (!this.playing || this.o.sink.destroyed) return;
    const due = this.due(nowMs);
    if (due <= this.next) return;
    if (this.o.isHeld?.() || (due - this.next) * this.packetMs > MAX_CATCH_UP_MS) {
      this.next = this.o.isHeld?.() ? due : due - 1; // stalled or far behind: drop, never burst
      if (this.next >= due) return;
    }
    const packets = this.o.clip.packets;
    while (this.next < due) {
      const m = this.next++;
      if (this.o.sink.writableLength > BACKPRESSURE_BYTES) continue;
      const tpl = packets[m % packets.length];
      if (!tpl) return;
      const { bytes, nextSeq } = stampTemplate(tpl, { channel: this.o.channel, firstSeq: this.seq, timestamp: this.timestampOf(m), ssrc: this.ssrc });
      this.seq = nextSeq;
      this.o.sink.write(bytes);
      this.packetsSent++;
      this.bytesSent += bytes.length;
      this.payloadBytesSent += bytes.length - 16;
    }
  }
}
