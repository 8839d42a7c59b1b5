/**
 * One SETUP track's receive path: RTP parse → sequence/loss → timestamp unwrap and jump detection →
 * depacketiser → access units (video) or frames (audio), plus the reception statistics RTCP receiver reports need.
 */
import { AacDepacketiser } from './aac-depacketiser';
import { AccessUnitAssembler } from './access-unit';
import { H264Depacketiser } from './h264-depacketiser';
import { H265Depacketiser } from './h265-depacketiser';
import { buildReceiverReport, parseRtcp } from './rtcp';
import { parseRtp, type RtpPacket } from './rtp-packet';
import { ReorderBuffer } from './rtp-reorder';
import { SequenceTracker, TimestampUnwrapper } from './rtp-timeline';
import type { TrackConfig } from './track-config';
import type { AudioFrame, DiscontinuityEvent, LossEvent, TrackKind, VideoAccessUnit } from './types';

export interface TrackSink {
  video(au: VideoAccessUnit): void;
  audio(frame: AudioFrame): void;
  discontinuity(e: DiscontinuityEvent): void;
  loss(e: LossEvent): void;
}

/** Forward steps beyond this are a discontinuity (a camera NTP step, an encoder restart). */
export const JUMP_FORWARD_SEC = 10;
/** Backward steps within this are B-frame reordering (RFC 6184 §5.1), beyond it a discontinuity. */
export const REORDER_BACKWARD_SEC = 1;

/** Packets kept while waiting for the PLAY response (a second of 1080p is ~500 packets). */
const MAX_HELD_PACKETS = 1024;

export interface TrackReceiverOptions {
  config: TrackConfig;
  sink: TrackSink;
  /** RTP-Info rtptime for this track (PLAY response), which becomes pts 0. */
  rtpTime?: number | undefined;
  /**
   * Hold packets until setRtpTime() (the PLAY response): over UDP media can overtake the response, and the first
   * packet would otherwise fix the origin before RTP-Info is known.
   */
  holdUntilPlay?: boolean;
  /** Reorder packets within a small window (UDP). */
  reorder?: boolean;
  waitForKeyframe?: boolean;
  /** performance.now()-like clock in ms (tests pass their own). */
  now?: () => number;
}

export class TrackReceiver {
  readonly config: TrackConfig;
  private readonly sink: TrackSink;
  private readonly seq = new SequenceTracker();
  private readonly unwrap: TimestampUnwrapper;
  private readonly video: { assembler: AccessUnitAssembler; depacketiser: H264Depacketiser | H265Depacketiser } | null = null;
  private readonly aac: AacDepacketiser | null = null;
  private readonly now: () => number;
  private rtpTime: number | undefined;
  private held: Uint8Array[] | null;
  private readonly reorder: ReorderBuffer | null;
  private origin: number | null = null;
  private ssrc: number | null = null;
  /** Wrong payload type or malformed RTP. */
  ignoredPackets = 0;
  packetsReceived = 0;
  private bytesReceived = 0;
  private unitsDropped = 0;
  lastPacketAt = 0;
  // Receiver-report state (RFC 3550 A.3, A.8).
  private jitter = 0;
  private lastTransit: number | null = null;
  private expectedPrior = 0;
  private receivedPrior = 0;
  private lastSr: { middle: number; at: number } | null = null;

  constructor(o: TrackReceiverOptions) {
    this.config = o.config;
    this.sink = {
      ...o.sink,
      loss: (e) => {
        this.unitsDropped += e.droppedUnits;
        o.sink.loss(e);
      },
    };
    this.now = o.now ?? (() => performance.now());
    this.rtpTime = o.rtpTime;
    this.held = o.holdUntilPlay ? [] : null;
    this.reorder = o.reorder ? new ReorderBuffer() : null;
    const rate = o.config.clockRate;
    this.unwrap = new TimestampUnwrapper(JUMP_FORWARD_SEC * rate, REORDER_BACKWARD_SEC * rate);
    const c = o.config;
    if (c.kind === 'video') {
      const assembler = new AccessUnitAssembler(
        c.codec,
        { vps: c.vps, sps: c.sps, pps: c.pps },
        (au) => this.sink.video({ track: 'video', codec: c.codec, pts90k: this.pts(au.timestamp), nalus: au.nalus, key: au.key }),
        (reason) => {
          if (reason !== 'before-keyframe') this.sink.loss({ track: 'video', packets: 0, droppedUnits: 1 });
        },
        o.waitForKeyframe ?? true,
      );
      this.video = { assembler, depacketiser: c.codec === 'h264' ? new H264Depacketiser() : new H265Depacketiser() };
    } else if (c.codec === 'aac' && c.aac) {
      this.aac = new AacDepacketiser(c.aac);
    }
  }

  /** Counters for metrics (cheap to read at any time). */
  stats(): TrackStats {
    return {
      track: this.config.kind,
      packetsReceived: this.packetsReceived,
      bytesReceived: this.bytesReceived,
      packetsLost: this.seq.lostTotal,
      packetsIgnored: this.ignoredPackets,
      unitsDropped: this.unitsDropped,
      jitterMs: (this.jitter / this.config.clockRate) * 1000,
    };
  }

  /** The parameter sets seen so far (SDP, then in-band). */
  get paramSets(): VideoParamSets | null {
    return this.video ? { ...this.video.assembler.paramSets } : null;
  }

  setRtpTime(rtpTime: number | undefined): void {
    if (this.origin === null) this.rtpTime = rtpTime;
    const held = this.held;
    this.held = null;
    for (const packet of held ?? []) this.pushRtp(packet);
  }

  private pts(unwrapped: number): number {
    return unwrapped - (this.origin ?? unwrapped);
  }

  pushRtp(buf: Uint8Array): void {
    if (this.held) {
      if (this.held.length < MAX_HELD_PACKETS) this.held.push(buf);
      return;
    }
    const p = parseRtp(buf);
    if (!p || p.payloadType !== this.config.payloadType) {
      this.ignoredPackets++;
      return;
    }
    const arrival = this.now();
    this.packetsReceived++;
    this.bytesReceived += buf.length;
    if (!this.reorder) return this.process(p, arrival);
    for (const q of this.reorder.push(p, arrival)) this.process(q, arrival);
  }

  private process(p: RtpPacket, arrival: number): void {
    const kind = this.config.kind;
    const rate = this.config.clockRate;
    if (this.ssrc !== null && p.ssrc !== this.ssrc) {
      // The camera restarted its stream: new sequence and timestamp bases. pts carries on by the wall-clock gap.
      this.sink.discontinuity({ track: kind, kind: 'ssrc-change', deltaClock: 0, clockRate: rate });
      this.seq.reset();
      this.unwrap.rebase(p.timestamp, Math.max(1, Math.round(((arrival - this.lastPacketAt) * rate) / 1000)));
      this.lastTransit = null;
      this.lastSr = null;
    }
    this.ssrc = p.ssrc;
    this.lastPacketAt = arrival;
    const verdict = this.seq.push(p.sequence);
    if (!verdict.accept) return;
    if (verdict.lost > 0) this.sink.loss({ track: kind, packets: verdict.lost, droppedUnits: 0 });

    const t = this.unwrap.push(p.timestamp);
    if (this.origin === null) {
      // RTP-Info's rtptime marks npt 0; a first packet before it (or after a wrap) still lands on the right side.
      this.origin = this.rtpTime === undefined ? t.value : t.value - ((p.timestamp - this.rtpTime) | 0);
    }
    if (t.event) this.sink.discontinuity({ track: kind, kind: t.event.kind, deltaClock: t.event.deltaClock, clockRate: rate });

    const transit = (arrival * rate) / 1000 - p.timestamp;
    if (this.lastTransit !== null) {
      const d = Math.abs(transit - this.lastTransit);
      this.jitter += (d - this.jitter) / 16;
    }
    this.lastTransit = transit;

    const lost = verdict.lost > 0;
    if (this.video) {
      if (lost) this.video.assembler.markLoss();
      this.video.assembler.push(t.value, p.marker, this.video.depacketiser.push(p.payload, lost));
      return;
    }
    const c = this.config;
    if (c.kind !== 'audio') return;
    if (this.aac) {
      const units = this.aac.push(p.payload, p.marker, lost);
      if (units === 'corrupt') {
        this.sink.loss({ track: 'audio', packets: 0, droppedUnits: 1 });
        return;
      }
      const step = c.aac?.frameSamples ?? 1024;
      for (const u of units) this.sink.audio({ track: 'audio', codec: 'aac', ptsClock: this.pts(t.value) + u.index * step, clockRate: rate, data: u.data });
      return;
    }
    if (p.payload.length > 0) this.sink.audio({ track: 'audio', codec: c.codec, ptsClock: this.pts(t.value), clockRate: rate, data: p.payload });
  }

  pushRtcp(buf: Uint8Array): void {
    const r = parseRtcp(buf);
    if (!r) return;
    for (const sr of r.senderReports) {
      if (this.ssrc === null || sr.ssrc === this.ssrc) this.lastSr = { middle: sr.ntpMiddle, at: this.now() };
    }
  }

  /** A compound RR + SDES for this track, or null before the first packet. */
  receiverReport(reporterSsrc: number, cname: string): Buffer | null {
    if (this.ssrc === null) return null;
    const expected = this.seq.expectedTotal;
    const received = this.seq.received;
    const expectedInterval = expected - this.expectedPrior;
    const lostInterval = expectedInterval - (received - this.receivedPrior);
    this.expectedPrior = expected;
    this.receivedPrior = received;
    const fractionLost = expectedInterval <= 0 || lostInterval <= 0 ? 0 : Math.floor((lostInterval * 256) / expectedInterval);
    return buildReceiverReport(
      reporterSsrc,
      {
        sourceSsrc: this.ssrc,
        fractionLost,
        cumulativeLost: expected - received,
        extendedHighestSeq: this.seq.extendedMax,
        jitter: this.jitter,
        lsr: this.lastSr?.middle ?? 0,
        dlsr: this.lastSr ? ((this.now() - this.lastSr.at) / 1000) * 65536 : 0,
      },
      cname,
    );
  }
}

export interface TrackStats {
  track: TrackKind;
  packetsReceived: number;
  bytesReceived: number;
  /** Sequence-number gaps (RFC 3550 A.3). */
  packetsLost: number;
  /** Wrong payload type or not RTP. */
  packetsIgnored: number;
  /** Access units / frames dropped for loss, size limits or malformed payloads. */
  unitsDropped: number;
  /** Interarrival jitter (RFC 3550 A.8). */
  jitterMs: number;
}

export interface VideoParamSets {
  vps: Uint8Array | null;
  sps: Uint8Array | null;
  pps: Uint8Array | null;
}
