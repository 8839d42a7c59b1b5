/**
 * Groups NAL units into access units by RTP timestamp and marker bit (RFC 6184 §5.1, RFC 7798 §4.1): an AU ends at
 * the marker, or when a packet with another timestamp arrives (the marker packet was lost or the camera never sets
 * it). An AU that lost a packet is dropped whole, since a decoder given half a picture shows garbage until the next
 * keyframe. Parameter sets are remembered (SDP first, then in-band) and put in front of any keyframe that lacks them.
 */
import { MAX_AU_BYTES, MAX_AU_NALUS, NAL_TRAITS, type NalTraits, type ParamSetKind } from './nal-units';
import type { VideoCodec } from './track-config';

export interface AssembledAccessUnit {
  /** The RTP timestamp shared by the AU's packets (unwrapped by the caller). */
  timestamp: number;
  nalus: Uint8Array[];
  key: boolean;
}

export type DropReason = 'loss' | 'too-large' | 'before-keyframe';

export class AccessUnitAssembler {
  private readonly traits: NalTraits;
  private nalus: Uint8Array[] = [];
  private bytes = 0;
  private timestamp: number | null = null;
  private corrupt = false;
  private tooLarge = false;
  /** Packets were lost before this AU's first packet: it must start with a picture's first slice to be whole. */
  private lossBefore = false;
  private lossPending = false;
  private seenKey = false;
  /** Non-VCL NAL units sent at their own timestamp (some cameras send SPS/PPS alone): they join the next AU. */
  private prefix: Uint8Array[] = [];
  readonly paramSets: Record<ParamSetKind, Uint8Array | null> = { vps: null, sps: null, pps: null };

  constructor(
    readonly codec: VideoCodec,
    initial: Partial<Record<ParamSetKind, Uint8Array[]>>,
    private readonly emit: (au: AssembledAccessUnit) => void,
    private readonly dropped: (reason: DropReason) => void,
    private readonly waitForKeyframe = true,
  ) {
    this.traits = NAL_TRAITS[codec];
    for (const kind of ['vps', 'sps', 'pps'] as const) this.paramSets[kind] = initial[kind]?.[0] ?? null;
  }

  /** One packet's worth of NAL units ('corrupt': this packet or one lost before it spoils the AU). */
  push(timestamp: number, marker: boolean, nalus: Uint8Array[] | 'corrupt'): void {
    if (this.timestamp !== null && timestamp !== this.timestamp) this.flush();
    if (this.timestamp === null) this.lossBefore = this.lossPending;
    this.lossPending = false;
    this.timestamp = timestamp;
    if (nalus === 'corrupt') this.corrupt = true;
    else {
      for (const n of nalus) {
        const type = n.length > 0 ? this.traits.type(n) : -1;
        if (type < 0 || this.traits.isDropped(type)) continue;
        // Payloaders that insert parameter sets (config-interval) repeat the encoder's own: keep one copy.
        if (this.traits.paramSet(type) && this.nalus.some((m) => sameBytes(m, n))) continue;
        this.bytes += n.length;
        if (this.bytes > MAX_AU_BYTES || this.nalus.length >= MAX_AU_NALUS) this.tooLarge = true;
        else this.nalus.push(n);
      }
    }
    if (marker) this.flush();
  }

  /**
   * Packets were lost before the next one: the AU in progress lost its tail, or (after a marker) the next AU may have
   * lost its head, which its first slice tells (whole lost AUs then cost nothing more).
   */
  markLoss(): void {
    if (this.timestamp !== null) this.corrupt = true;
    this.lossPending = true;
  }

  private flush(): void {
    const { nalus, tooLarge, timestamp, lossBefore } = this;
    let corrupt = this.corrupt;
    this.lossBefore = false;
    this.nalus = [];
    this.bytes = 0;
    this.timestamp = null;
    this.corrupt = false;
    this.tooLarge = false;
    if (timestamp === null) return;
    if (lossBefore) {
      const firstVcl = nalus.find((n) => this.traits.isVcl(this.traits.type(n)));
      if (!firstVcl || !this.traits.startsPicture(firstVcl)) corrupt = true;
    }
    if (corrupt || tooLarge) {
      this.dropped(corrupt ? 'loss' : 'too-large');
      return;
    }
    if (nalus.length === 0) return;
    const t = this.traits;
    let key = false;
    let vcl = false;
    const present = new Set<ParamSetKind>();
    for (const n of nalus) {
      const type = t.type(n);
      const ps = t.paramSet(type);
      if (ps) {
        this.paramSets[ps] = n;
        present.add(ps);
      }
      if (t.isVcl(type)) vcl = true;
      if (t.isKey(type)) key = true;
    }
    if (!vcl) {
      this.prefix = [...this.prefix, ...nalus].slice(-16);
      return;
    }
    for (const n of this.prefix) {
      const ps = t.paramSet(t.type(n));
      if (ps) present.add(ps);
    }
    let out = this.prefix.length > 0 ? [...this.prefix, ...nalus] : nalus;
    this.prefix = [];
    if (key) {
      const missing = (this.codec === 'h265' ? (['vps', 'sps', 'pps'] as const) : (['sps', 'pps'] as const))
        .filter((k) => !present.has(k) && this.paramSets[k] !== null)
        .map((k) => this.paramSets[k]!);
      if (missing.length > 0) out = [...missing, ...out];
      this.seenKey = true;
    } else if (this.waitForKeyframe && !this.seenKey) {
      this.dropped('before-keyframe');
      return;
    }
    this.emit({ timestamp, nalus: out, key });
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}
