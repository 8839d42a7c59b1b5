/**
 * Puts UDP packets back in sequence order before loss is judged (UDP may reorder; TCP never does). A packet that
 * arrives ahead of a gap is held until the gap fills, or until `window` packets are held or the oldest waited
 * `maxHoldMs`: then the gap is given up as lost. Late and wildly jumping packets pass straight through, for the
 * sequence tracker to drop or to confirm as a restart (RFC 3550 A.1).
 */
import type { RtpPacket } from './rtp-packet';

/** Further ahead than this is a jump, not reordering. */
const MAX_AHEAD = 1000;

export class ReorderBuffer {
  private next: number | null = null;
  private readonly held = new Map<number, { packet: RtpPacket; at: number }>();
  /** The number after the last wild packet: if it comes next, the sender restarted and we follow. */
  private wildNext: number | null = null;

  constructor(
    private readonly window = 32,
    private readonly maxHoldMs = 40,
  ) {}

  /** Packets ready for processing, in order. */
  push(p: RtpPacket, now: number): RtpPacket[] {
    if (this.next === null) this.next = p.sequence;
    const ahead = (p.sequence - this.next) & 0xffff;
    if (ahead === 0) {
      this.next = (p.sequence + 1) & 0xffff;
      this.wildNext = null;
      return [p, ...this.drain(now)];
    }
    if (ahead < MAX_AHEAD) {
      this.wildNext = null;
      if (!this.held.has(p.sequence)) this.held.set(p.sequence, { packet: p, at: now });
      return this.drain(now);
    }
    if (ahead < 0x10000 - MAX_AHEAD && p.sequence === this.wildNext) {
      // Second packet in a row after a jump: a restart. Hand over what is held, then follow the new numbering.
      const out = this.flush();
      this.next = (p.sequence + 1) & 0xffff;
      this.wildNext = null;
      return [...out, p];
    }
    if (ahead < 0x10000 - MAX_AHEAD) this.wildNext = (p.sequence + 1) & 0xffff;
    return [p];
  }

  /** Everything held, in order, gaps skipped. */
  private flush(): RtpPacket[] {
    const out: RtpPacket[] = [];
    while (this.held.size > 0) out.push(...this.skipGap());
    return out;
  }

  /** The contiguous run from `next`, and after it whatever the window or hold time force out. */
  private drain(now: number): RtpPacket[] {
    const out = this.contiguous();
    while (this.held.size > 0 && (this.held.size > this.window || this.oldest() + this.maxHoldMs <= now)) out.push(...this.skipGap());
    return out;
  }

  private contiguous(): RtpPacket[] {
    const out: RtpPacket[] = [];
    for (let h = this.held.get(this.next!); h; h = this.held.get(this.next!)) {
      this.held.delete(this.next!);
      out.push(h.packet);
      this.next = (this.next! + 1) & 0xffff;
    }
    return out;
  }

  /** Give up on the gap at `next`: continue from the nearest held packet. */
  private skipGap(): RtpPacket[] {
    let best: number | null = null;
    let bestAhead = Infinity;
    for (const seq of this.held.keys()) {
      const ahead = (seq - this.next!) & 0xffff;
      if (ahead < bestAhead) {
        bestAhead = ahead;
        best = seq;
      }
    }
    this.next = best;
    return this.contiguous();
  }

  private oldest(): number {
    let t = Infinity;
    for (const h of this.held.values()) t = Math.min(t, h.at);
    return t;
  }
}
