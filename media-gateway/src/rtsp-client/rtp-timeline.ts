/**
 * Per-track RTP bookkeeping: sequence gaps counted as loss (RFC 3550 §6.4.1, Appendix A.3), late or duplicate
 * packets dropped, the 32-bit timestamp unwrapped into a monotonic 64-bit count, and large jumps reported instead
 * of hidden (a camera's NTP step, a restarted encoder).
 */

export interface SequenceVerdict {
  /** False for a duplicate or late packet (already past it): drop it. */
  accept: boolean;
  /** Packets missing right before this one. */
  lost: number;
}

/** RFC 3550 A.1: a gap up to this is loss; beyond it (or further back than MAX_MISORDER) the sender may have restarted. */
const MAX_DROPOUT = 3000;
const MAX_MISORDER = 100;

export class SequenceTracker {
  private expected: number | null = null;
  /** After a wild jump: the number that would confirm it as a restart (RFC 3550 A.1 bad_seq). */
  private badSeq: number | null = null;
  /** Highest sequence number seen, extended with the wrap count (RFC 3550 A.1). */
  extendedMax = 0;
  private cycles = 0;
  received = 0;
  base = 0;
  lostTotal = 0;

  push(seq: number): SequenceVerdict {
    if (this.expected === null) {
      this.expected = (seq + 1) & 0xffff;
      this.base = seq;
      this.extendedMax = seq;
      this.received = 1;
      return { accept: true, lost: 0 };
    }
    const gap = (seq - this.expected) & 0xffff;
    if (gap > MAX_DROPOUT) {
      const behind = 0x10000 - gap;
      if (behind <= MAX_MISORDER) return { accept: false, lost: 0 }; // duplicate or reordered too late
      // A jump either way: drop it unless the next packet follows it, which makes it a restart.
      if (seq !== this.badSeq) {
        this.badSeq = (seq + 1) & 0xffff;
        return { accept: false, lost: 0 };
      }
      this.badSeq = null;
      this.reset();
      this.push(seq);
      // The packet that announced the restart was dropped: count it, so the AU it began is judged incomplete.
      this.lostTotal++;
      return { accept: true, lost: 1 };
    }
    this.badSeq = null;
    if (seq < (this.extendedMax & 0xffff)) this.cycles += 0x10000;
    this.extendedMax = this.cycles + seq;
    this.expected = (seq + 1) & 0xffff;
    this.received++;
    this.lostTotal += gap;
    return { accept: true, lost: gap };
  }

  /** A new sender (SSRC) or a restart: start counting afresh (loss already counted stays counted). */
  reset(): void {
    this.expected = null;
    this.cycles = 0;
  }

  /** Expected packets so far (RFC 3550 A.3). */
  get expectedTotal(): number {
    return this.extendedMax - this.base + 1;
  }
}

export type TimestampEvent = { kind: 'jump-forward' | 'jump-backward'; deltaClock: number } | null;

/**
 * Unwraps 32-bit RTP timestamps by taking each step as the signed 32-bit difference to the previous packet. With
 * B-frames (RFC 6184 §5.1) steps go backwards a little; anything beyond `reorderClock` backwards or `jumpClock`
 * forwards is reported. The count keeps the jump: downstream decides how to re-time.
 */
export class TimestampUnwrapper {
  private last: number | null = null;
  private value = 0;

  constructor(
    private readonly jumpClock: number,
    private readonly reorderClock: number,
  ) {}

  /**
   * A new SSRC has an unrelated timestamp base: continue the count `advance` ticks after the last value (the
   * caller estimates it from arrival times) rather than leap by a random amount.
   */
  rebase(ts: number, advance: number): void {
    if (this.last === null) return;
    this.last = ts;
    this.value += advance;
  }

  push(ts: number): { value: number; event: TimestampEvent } {
    if (this.last === null) {
      this.last = ts;
      this.value = ts;
      return { value: ts, event: null };
    }
    const delta = (ts - this.last) | 0;
    this.last = ts;
    this.value += delta;
    let event: TimestampEvent = null;
    if (delta > this.jumpClock) event = { kind: 'jump-forward', deltaClock: delta };
    else if (delta < -this.reorderClock) event = { kind: 'jump-backward', deltaClock: delta };
    return { value: this.value, event };
  }
}
