/**
 * One RTSP session's media: a video track and, on cameras with audio, an audio track, each on its own transport
 * (interleaved channel pair on the RTSP connection, or a UDP port pair), own SSRC and RTP clock, started from the same
 * instant and described to clients by RTCP sender reports every few seconds, so audio and video can be synchronised.
 */
import type net from 'node:net';
import type { AudioClip } from './audio-clip';
import { AudioPlayback } from './audio-stream';
import type { Clip, SimProfile } from './clip';
import { PlaybackStream, type PacedSink } from './pacer';
import type { PtzClipSwitcher } from './ptz-switcher';
import { buildSenderReport, interleave } from './rtcp';
import { UdpSink, type TransportChoice, type UdpPair } from './rtsp-transport';

/** RTCP sender report interval per track (RFC 3550 allows 5 s as the minimum; cameras send every few seconds). */
export const SR_INTERVAL_MS = 5000;

export type TrackKind = 'video' | 'audio';

export interface Track {
  kind: TrackKind;
  transport: TransportChoice;
  /** UDP transport: the server's port pair for this track. */
  udp: UdpPair | null;
  sink: PacedSink;
  media: PlaybackStream | AudioPlayback;
  /** Send one RTCP packet on this track's RTCP channel/port. */
  sendRtcp(packet: Buffer): void;
}

export interface SessionOptions {
  id: string;
  profile: SimProfile;
  path: string;
  clip: Clip;
  audioClip: AudioClip | null;
  switcher: PtzClipSwitcher | null;
  startFrame: number;
  isHeld: () => boolean;
  /** ts-jump cameras: seconds the RTP clocks jump forward at every clip loop (0 = never). */
  jumpPerLoopSec: number;
  cname: string;
  /** Converts performance.now() ms to wall-clock ms. */
  wallOf: (mono: number) => number;
}

export class SimSession {
  readonly id: string;
  readonly profile: SimProfile;
  readonly path: string;
  readonly clip: Clip;
  readonly audioClip: AudioClip | null;
  readonly switcher: PtzClipSwitcher | null;
  video: Track | null = null;
  audio: Track | null = null;
  private lastSrMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly o: SessionOptions) {
    this.id = o.id;
    this.profile = o.profile;
    this.path = o.path;
    this.clip = o.clip;
    this.audioClip = o.audioClip;
    this.switcher = o.switcher;
  }

  get tracks(): Track[] {
    return [this.video, this.audio].filter((t): t is Track => t !== null);
  }

  get playing(): boolean {
    return this.tracks.some((t) => t.media.isPlaying);
  }

  get videoStream(): PlaybackStream | null {
    return this.video ? (this.video.media as PlaybackStream) : null;
  }

  /** Create (or, not yet playing, re-create) the track's media on a transport. */
  setTrack(kind: TrackKind, transport: TransportChoice, tcp: net.Socket, udp: UdpPair | null, clientHost: string): Track {
    const old = kind === 'video' ? this.video : this.audio;
    old?.udp?.close();
    const sink: PacedSink = transport.kind === 'udp' && udp ? new UdpSink(udp.rtp, clientHost, transport.clientRtp) : tcp;
    const channel = transport.kind === 'tcp' ? transport.rtp : 0;
    const sendRtcp =
      transport.kind === 'udp' && udp
        ? (p: Buffer): void => {
            try {
              udp.rtcp.send(p, transport.clientRtcp, clientHost, () => {});
            } catch {
              // the socket closed with the session
            }
          }
        : (p: Buffer): void => {
            if (!tcp.destroyed && transport.kind === 'tcp') tcp.write(interleave(transport.rtcp, p));
          };
    let media: PlaybackStream | AudioPlayback;
    if (kind === 'video') {
      const sw = this.switcher;
      media = new PlaybackStream({
        clip: this.clip,
        sink,
        channel,
        startFrame: this.o.startFrame,
        isHeld: this.o.isHeld,
        jumpPerLoopTicks: this.o.jumpPerLoopSec * 90_000,
        ...(sw ? { selectClip: () => sw.select() } : {}),
      });
    } else {
      if (!this.audioClip) throw new Error('this camera has no audio');
      media = new AudioPlayback({
        clip: this.audioClip,
        sink,
        channel,
        isHeld: this.o.isHeld,
        jumpPerLoopSec: this.o.jumpPerLoopSec,
        loopsAt: (offsetMs) => this.loopsAt(offsetMs),
      });
    }
    const track: Track = { kind, transport, udp, sink, media, sendRtcp };
    if (kind === 'video') this.video = track;
    else this.audio = track;
    return track;
  }

  /** Clip loops completed `offsetMs` after the session start (ts-jump steps happen at loop boundaries). */
  private loopsAt(offsetMs: number): number {
    const v = this.videoStream;
    if (v) return v.loopsBefore(Math.floor(offsetMs / v.frameDurationMs));
    return Math.floor(offsetMs / ((this.clip.accessUnits.length * 1000) / this.clip.fps));
  }

  /** Start or resume every track from one instant; returns each track's RTP-Info seq/rtptime. */
  play(nowMs: number): Array<{ kind: TrackKind; seq: number; rtptime: number }> {
    const v = this.videoStream;
    const out: Array<{ kind: TrackKind; seq: number; rtptime: number }> = [];
    if (v) out.push({ kind: 'video', ...v.play(nowMs) });
    if (this.audio) out.push({ kind: 'audio', ...(this.audio.media as AudioPlayback).play(nowMs, v ? v.startedAtMono : nowMs) });
    return out;
  }

  pause(): void {
    for (const t of this.tracks) t.media.pause();
  }

  /** Send what is due on every track, then sender reports when the interval has passed. */
  pump(nowMs: number): void {
    for (const t of this.tracks) t.media.pump(nowMs);
    if (nowMs - this.lastSrMs >= SR_INTERVAL_MS && !this.o.isHeld()) {
      this.lastSrMs = nowMs;
      for (const t of this.tracks) this.sendSenderReport(t, nowMs);
    }
  }

  private sendSenderReport(t: Track, nowMs: number): void {
    const m = t.media;
    if (!m.isPlaying || m.packetsSent === 0) return;
    // A ts-jump camera's clock stepped: its NTP time jumps with its RTP clocks, as after a real NTP step.
    const v = this.videoStream;
    const offset = v ? nowMs - v.startedAtMono : 0;
    const jumpMs = this.o.jumpPerLoopSec * 1000 * this.loopsAt(offset);
    t.sendRtcp(
      buildSenderReport({
        ssrc: m.ssrc,
        wallMs: this.o.wallOf(nowMs) + jumpMs,
        rtpTimestamp: m.timestampAt(nowMs),
        packetCount: m.packetsSent,
        octetCount: m.payloadBytesSent,
        cname: this.o.cname,
      }),
    );
  }

  close(): void {
    this.pause();
    for (const t of this.tracks) {
      if (t.sink instanceof UdpSink) t.sink.destroyed = true;
      t.udp?.close();
    }
  }
}
