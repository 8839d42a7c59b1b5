/**
 * Which clip a PTZ camera's session plays: the pacer asks at every keyframe (PlaybackOptions.selectClip), the
 * switcher answers with the clip of the head's current cell once it is loaded, and keeps the previous one until then
 * (a cold cell costs one ~0.5 s encode, after which the picture jumps at the next keyframe). It holds exactly one
 * cache reference per clip it keeps, and drops them on close().
 */
import type { Clip, SimProfile } from './clip';
import { cellKey, type PtzCell } from './ptz-state';

export interface PtzClipSource {
  acquire(index: number, profile: SimProfile, ptz?: PtzCell): Promise<Clip>;
  release(index: number, profile: SimProfile, ptz?: PtzCell): void;
}

interface Held {
  key: string;
  cell: PtzCell;
  clip: Clip | null;
  failed: boolean;
  dropped: boolean;
}

export class PtzClipSwitcher {
  private current: Held & { clip: Clip };
  private pending: Held | null = null;
  private closed = false;
  switches = 0;

  private constructor(
    private readonly clips: PtzClipSource,
    private readonly index: number,
    private readonly profile: SimProfile,
    private readonly cellNow: () => PtzCell,
    first: { cell: PtzCell; clip: Clip },
  ) {
    this.current = { key: cellKey(first.cell), cell: first.cell, clip: first.clip, failed: false, dropped: false };
  }

  /** Acquire the clip of the head's current cell, then switch from there. */
  static async start(clips: PtzClipSource, index: number, profile: SimProfile, cellNow: () => PtzCell): Promise<PtzClipSwitcher> {
    const cell = cellNow();
    const clip = await clips.acquire(index, profile, cell);
    return new PtzClipSwitcher(clips, index, profile, cellNow, { cell, clip });
  }

  get clip(): Clip {
    return this.current.clip;
  }

  get cell(): PtzCell {
    return this.current.cell;
  }

  /** The clip to play from this keyframe on. */
  select(): Clip {
    if (this.closed) return this.current.clip;
    const want = this.cellNow();
    const key = cellKey(want);
    if (key === this.current.key) {
      this.drop();
      return this.current.clip;
    }
    if (this.pending && (this.pending.key !== key || this.pending.failed)) this.drop();
    if (!this.pending) this.pending = this.load(want, key);
    const ready = this.pending;
    if (ready.clip) {
      this.clips.release(this.index, this.profile, this.current.cell);
      this.current = { ...ready, clip: ready.clip };
      this.pending = null;
      this.switches++;
    }
    return this.current.clip;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.drop();
    this.clips.release(this.index, this.profile, this.current.cell);
  }

  private load(cell: PtzCell, key: string): Held {
    const held: Held = { key, cell, clip: null, failed: false, dropped: false };
    this.clips.acquire(this.index, this.profile, cell).then(
      (clip) => {
        if (held.dropped) this.clips.release(this.index, this.profile, cell);
        else held.clip = clip;
      },
      () => {
        held.failed = true; // asked again at a later keyframe
      },
    );
    return held;
  }

  /** Forget the pending clip; its reference goes back once (or if) it arrives. */
  private drop(): void {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    p.dropped = true;
    if (p.clip) this.clips.release(this.index, this.profile, p.cell);
  }
}
