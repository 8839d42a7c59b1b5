// Box-level filter in front of the FragmentAssembler: holds the first fragments of each ingest run until their
// timing can be judged, repairs the start-of-stream timestamp defects in place when planStartRepair finds them,
// then moves every later tfdt of the run by the same shift. A clean run passes through byte for byte.
// README: "How the start of a run is repaired".
import { splitFragment } from './fragment-split';
import { moofTrackIds, parseFragment, parseInit } from './fmp4-parser';
import type { InitInfo } from './fmp4-parser';
import { moofFields, readTfdt, writeTfdt } from './moof-fields';
import type { TrafFields } from './moof-fields';
import type { Mp4Box } from './mp4-box-reader';
import { MIN_TRUSTED_SAMPLES, defectivePrefixLength, planStartRepair } from './start-timestamp-repair';
import type { StartRepairPlan, TimedSample } from './start-timestamp-repair';

/**
 * Past this much video without enough samples to judge, the start is passed on as it is. Holding costs no latency
 * below the first segment's length: no playlist (so no part) is served before segment 0 is complete.
 */
const MAX_HOLD_SEC = 0.8;
/** Bounds the hold when video stops coming (audio-only moofs would otherwise pile up). */
const MAX_HELD_BOXES = 64;

interface Shift {
  video: number;
  audio: number;
}

const NO_SHIFT: Shift = { video: 0, audio: 0 };

const copyBox = (box: Mp4Box, bytes: Buffer = Buffer.from(box.bytes)): Mp4Box => ({ type: box.type, size: box.size, headerSize: box.headerSize, bytes });

export class StartRepairFilter {
  private init: InitInfo | null = null;
  private collecting = true;
  private held: Mp4Box[] = [];
  /** Video samples of the held fragments, in decode order. */
  private window: TimedSample[] = [];
  /** Window index of the first video sample of each held moof (by position in `held`). */
  private firstSample = new Map<number, number>();
  private nextDts: number | null = null;
  private shift: Shift = NO_SHIFT;
  private plan: StartRepairPlan | null = null;

  /** The repair applied to the current run, null when its start was left as it came (clean, or not repairable). */
  get repair(): StartRepairPlan | null {
    return this.plan;
  }

  /** Boxes in stream order, possibly later than they came in; never throws (bad boxes go on to the assembler). */
  push(box: Mp4Box): Mp4Box[] {
    if (box.type === 'moov') {
      const out = this.flush();
      this.restart();
      try {
        this.init = parseInit(box.bytes);
      } catch {
        this.init = null; // the assembler reports it
      }
      out.push(box);
      return out;
    }
    if (!this.collecting || !this.init) return [this.shifted(box)];
    this.held.push(copyBox(box));
    if (box.type === 'moof' && !this.observe(box.bytes)) return this.release(null);
    if (this.held.length >= MAX_HELD_BOXES) return this.release(null);
    if (box.type !== 'mdat' || !this.lastMoofHadVideo()) return [];
    const prefix = defectivePrefixLength(this.window, this.init.timescale);
    const enough = this.window.length - prefix >= MIN_TRUSTED_SAMPLES;
    if (enough) return this.release(planStartRepair(this.window, this.init.timescale));
    return this.heldSec() >= MAX_HOLD_SEC ? this.release(null) : [];
  }

  /** The run ended (ingest restart): judge what is held with what is known, and hand it on. */
  flush(): Mp4Box[] {
    if (!this.collecting || this.held.length === 0 || !this.init) return [];
    const prefix = defectivePrefixLength(this.window, this.init.timescale);
    return this.release(this.window.length - prefix >= MIN_TRUSTED_SAMPLES ? planStartRepair(this.window, this.init.timescale) : null);
  }

  /** A new run starts with the next fragment (same init unless a new moov comes). Held boxes are dropped. */
  restart(): void {
    this.collecting = true;
    this.held = [];
    this.window = [];
    this.firstSample.clear();
    this.nextDts = null;
    this.shift = NO_SHIFT;
    this.plan = null;
  }

  /** Adds a held moof's video samples to the window; false when they cannot be read (or lack durations). */
  private observe(moof: Buffer): boolean {
    const init = this.init as InitInfo;
    try {
      if (!moofTrackIds(moof).includes(init.trackId)) return true;
      const info = parseFragment(moof, init);
      let dts = info.baseMediaDecodeTime ?? this.nextDts;
      if (dts === null) return false;
      // The plan puts the run's first sample first in presentation: only true of a keyframe (a closed GOP). A run
      // that starts mid-GOP (its leading fragments are dropped anyway) is left as it came.
      if (this.window.length === 0 && !info.firstSampleIsSync) return false;
      this.firstSample.set(this.held.length - 1, this.window.length);
      for (const s of info.samples) {
        if (!s.duration) return false;
        this.window.push({ dts, pts: dts + s.compositionOffset });
        dts += s.duration;
      }
      this.nextDts = dts;
      return true;
    } catch {
      return false; // the assembler reports it
    }
  }

  private lastMoofHadVideo(): boolean {
    return this.firstSample.has(this.held.length - 2);
  }

  private heldSec(): number {
    const first = this.window[0];
    return first && this.nextDts !== null ? (this.nextDts - first.dts) / (this.init as InitInfo).timescale : 0;
  }

  /** Ends collecting: hands on the held boxes, repaired by `plan` when it applies in place, else as they came. */
  private release(plan: StartRepairPlan | null): Mp4Box[] {
    const held = this.held;
    this.held = [];
    this.collecting = false;
    const init = this.init as InitInfo;
    const shift = plan ? { video: plan.shift, audio: init.audio ? Math.round((plan.shift * init.audio.timescale) / init.timescale) : 0 } : NO_SHIFT;
    const patched = plan ? this.patchHeld(held, plan, shift) : null;
    if (!patched) return held;
    this.plan = plan;
    this.shift = shift;
    return this.splitLongStart(held, patched);
  }

  /**
   * The repair gives squeezed frames their real duration, so the run's first fragment can grow past what ffmpeg cut
   * (6 frames of 40 ms where it counted 200 ms). Its head (the keyframe and the frames that were squeezed) becomes a
   * part of its own, the rest keeps the original length: PART-TARGET stays the configured one (see fragment-split.ts).
   */
  private splitLongStart(held: Mp4Box[], patched: Mp4Box[]): Mp4Box[] {
    const init = this.init as InitInfo;
    const i = [...this.firstSample].find(([, sample]) => sample === 0)?.[0];
    const [was, moof, mdat] = i === undefined ? [] : [held[i], patched[i], patched[i + 1]];
    if (i === undefined || !was || !moof || mdat?.type !== 'mdat') return patched;
    const before = parseFragment(was.bytes, init).duration;
    const durations = parseFragment(moof.bytes, init).samples.map((s) => s.duration ?? NaN);
    let head = 0;
    let rest = durations.reduce((a, b) => a + b, 0);
    while (before !== null && rest > before && head < durations.length) rest -= durations[head++] as number;
    if (before === null || head === 0 || !(rest > 0)) return patched;
    const split = splitFragment(moof.bytes, mdat.bytes, init.trackId, head, init.defaults);
    if (!split) return patched;
    const boxes = split.map((bytes) => ({ type: bytes.toString('latin1', 4, 8), size: bytes.length, headerSize: 8, bytes }));
    return [...patched.slice(0, i), ...boxes, ...patched.slice(i + 2)];
  }

  private patchHeld(held: Mp4Box[], plan: StartRepairPlan, shift: Shift): Mp4Box[] | null {
    const init = this.init as InitInfo;
    const samples = { was: this.window, now: plan.samples };
    try {
      return held.map((box, i) => {
        if (box.type !== 'moof') return box;
        const bytes = Buffer.from(box.bytes);
        const first = this.firstSample.get(i);
        for (const traf of moofFields(bytes)) {
          if (traf.trackId === init.trackId && first !== undefined) patchVideoTraf(bytes, traf, samples, first);
          else shiftTraf(bytes, traf, traf.trackId === init.audio?.trackId ? shift.audio : 0);
        }
        return copyBox(box, bytes);
      });
    } catch (err) {
      if (err instanceof CannotPatch) return null;
      throw err;
    }
  }

  /** A box of the run after its start: later tfdt move by the run's shift (audio by the same time, own ticks). */
  private shifted(box: Mp4Box): Mp4Box {
    if (box.type !== 'moof' || (this.shift.video === 0 && this.shift.audio === 0)) return box;
    const bytes = Buffer.from(box.bytes);
    try {
      for (const traf of moofFields(bytes)) {
        if (traf.trackId === this.init?.trackId) shiftTraf(bytes, traf, this.shift.video);
        else if (traf.trackId === this.init?.audio?.trackId) shiftTraf(bytes, traf, this.shift.audio);
      }
    } catch {
      return box; // unreadable: the assembler reports it
    }
    return copyBox(box, bytes);
  }
}

class CannotPatch extends Error {}

function shiftTraf(bytes: Buffer, traf: TrafFields, ticks: number): void {
  if (ticks !== 0 && traf.tfdt) writeTfdt(bytes, traf.tfdt, readTfdt(bytes, traf.tfdt) + ticks);
}

/** Rewrites one held video traf from the plan: tfdt, and each repaired sample's duration and composition offset. */
function patchVideoTraf(bytes: Buffer, traf: TrafFields, plan: { was: readonly TimedSample[]; now: readonly TimedSample[] }, first: number): void {
  const start = plan.now[first];
  if (!start || !traf.tfdt) throw new CannotPatch();
  writeTfdt(bytes, traf.tfdt, start.dts);
  traf.samples.forEach((fields, j) => {
    const k = first + j;
    const [was, wasNext, now, nowNext] = [plan.was[k], plan.was[k + 1], plan.now[k], plan.now[k + 1]];
    if (!was || !now) throw new CannotPatch(); // every sample of a held fragment is in the window
    if (wasNext && nowNext) writeField(bytes, fields.durationAt, wasNext.dts - was.dts, nowNext.dts - now.dts, false);
    writeField(bytes, fields.ctsAt, was.pts - was.dts, now.pts - now.dts, fields.ctsSigned);
  });
}

/** Writes a 32-bit trun field when its value changes; a field the trun does not carry cannot take a new value. */
function writeField(bytes: Buffer, at: number | null, was: number, now: number, signed: boolean): void {
  if (was === now) return;
  if (at === null || (!signed && now < 0)) throw new CannotPatch();
  if (signed) bytes.writeInt32BE(now, at);
  else bytes.writeUInt32BE(now, at);
}
