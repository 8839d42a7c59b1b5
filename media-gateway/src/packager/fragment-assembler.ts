// Turns top-level boxes into the two things the packager cares about: init segments (ftyp+moov) and complete
// fragments (moof+mdat) with a known start and duration. Boxes we do not serve (mfra, sidx, free, ...) are dropped.
import type { Mp4Box } from './mp4-box-reader';
import { Fmp4ParseError, fragmentDuration, moofTrackIds, parseFragment, parseInit } from './fmp4-parser';
import type { FragmentInfo, InitInfo } from './fmp4-parser';

export interface InitSegment {
  /** ftyp+moov, an own copy (not a view into ingest chunks). */
  bytes: Buffer;
  info: InitInfo;
}

export interface Fragment {
  /** moof+mdat, an own copy; preceded by any audio-only moof+mdat pairs that came before it (see carried). */
  bytes: Buffer;
  info: FragmentInfo;
  timescale: number;
  /** Media time of the first sample: tfdt, or the previous fragment's end when tfdt is absent. */
  startTicks: number;
  durationTicks: number;
}

export type AssembledItem = { kind: 'init'; init: InitSegment } | { kind: 'fragment'; fragment: Fragment };

interface RawFragment {
  bytes: Buffer;
  info: FragmentInfo;
}

export class FragmentAssembler {
  private ftyp: Buffer | null = null;
  private init: InitInfo | null = null;
  private moof: RawFragment | null = null;
  /** The moof in `moof` has only audio: its moof+mdat goes to `carried`, not through the video timing. */
  private moofIsAudioOnly = false;
  /**
   * Audio-only moof+mdat pairs (ffmpeg writes one when audio runs ahead of a late video frame) wait here and are
   * prepended to the next video fragment: one part may hold several moof+mdat pairs, and timing stays the video's.
   */
  private carried: Buffer[] = [];
  /** A fragment without sample durations waits here for the next tfdt, which tells its duration. */
  private held: RawFragment | null = null;
  private nextStart: number | null = null;
  /** Last known per-sample duration: estimates a held fragment that has no successor (input restart). */
  private sampleDuration: number | null = null;

  get initInfo(): InitInfo | null {
    return this.init;
  }

  /** Throws Fmp4ParseError for boxes that cannot be understood (the input must then restart). */
  push(box: Mp4Box): AssembledItem[] {
    switch (box.type) {
      case 'ftyp':
        this.ftyp = Buffer.from(box.bytes);
        return [];
      case 'moov': {
        const info = parseInit(box.bytes);
        const out = this.flush(); // a held fragment belongs to the previous timeline
        const bytes = Buffer.concat(this.ftyp ? [this.ftyp, box.bytes] : [box.bytes]);
        this.ftyp = null;
        this.carried = [];
        this.init = info;
        this.sampleDuration = null;
        out.push({ kind: 'init', init: { bytes, info } });
        return out;
      }
      case 'moof':
        if (!this.init) throw new Fmp4ParseError('moof before any init segment (ftyp+moov)');
        this.moofIsAudioOnly = this.isAudioOnly(box.bytes);
        // Parse now so a bad moof fails here, not after its (possibly large) mdat has been buffered.
        this.moof = { bytes: box.bytes, info: this.moofIsAudioOnly ? parseFragment(box.bytes) : parseFragment(box.bytes, this.init) };
        return [];
      case 'mdat': {
        const moof = this.moof;
        if (!moof) return []; // stray mdat: nothing describes it
        this.moof = null;
        if (this.moofIsAudioOnly) {
          this.carried.push(Buffer.concat([moof.bytes, box.bytes]));
          return [];
        }
        const bytes = Buffer.concat([...this.carried, moof.bytes, box.bytes]);
        this.carried = [];
        return this.complete({ bytes, info: moof.info });
      }
      default:
        return [];
    }
  }

  /** Emits a fragment still waiting for its duration, estimated from the previous sample duration (or drops it). */
  flush(): AssembledItem[] {
    const held = this.held;
    this.held = null;
    if (!held) return [];
    const estimate = this.sampleDuration === null ? null : this.sampleDuration * held.info.sampleCount;
    return estimate === null ? [] : [this.emit(held, estimate)];
  }

  /** The input restarted: forget half-received boxes and the timeline, keep the last init until a new one comes. */
  restart(): void {
    this.ftyp = null;
    this.moof = null;
    this.carried = [];
    this.held = null;
    this.nextStart = null;
  }

  private isAudioOnly(moof: Buffer): boolean {
    const audio = this.init?.audio;
    if (!audio) return false;
    const ids = moofTrackIds(moof);
    return ids.includes(audio.trackId) && !ids.includes((this.init as InitInfo).trackId);
  }

  private complete(frag: RawFragment): AssembledItem[] {
    const out: AssembledItem[] = [];
    const held = this.held;
    if (held) {
      this.held = null;
      const delta = fragmentDuration(held.info, frag.info);
      if (delta !== null) {
        out.push(this.emit(held, delta));
      } else {
        this.held = held; // timestamps jumped: no usable delta, estimate instead
        out.push(...this.flush());
      }
    }
    if (frag.info.duration === null) this.held = frag;
    else out.push(this.emit(frag, frag.info.duration));
    return out;
  }

  private emit(frag: RawFragment, durationTicks: number): AssembledItem {
    const startTicks = frag.info.baseMediaDecodeTime ?? this.nextStart ?? 0;
    this.nextStart = startTicks + durationTicks;
    if (frag.info.sampleCount > 0 && durationTicks > 0) this.sampleDuration = durationTicks / frag.info.sampleCount;
    const timescale = (this.init as InitInfo).timescale;
    return { kind: 'fragment', fragment: { bytes: frag.bytes, info: frag.info, timescale, startTicks, durationTicks } };
  }
}
