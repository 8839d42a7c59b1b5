/** Test helper: a Clock whose timers fire only when the test advances it. */
import type { Clock, TimerHandle } from '../clock';

export class ManualClock implements Clock {
  constructor(public t = 0) {}

  private timers: Array<{ at: number; fn: () => void; id: number }> = [];
  private seq = 0;
  now = () => this.t;
  setTimeout = (fn: () => void, ms: number): TimerHandle => {
    const id = ++this.seq;
    this.timers.push({ at: this.t + ms, fn, id });
    return { id } as unknown as TimerHandle;
  };
  clearTimeout = (h: TimerHandle) => {
    this.timers = this.timers.filter((t) => t.id !== (h as unknown as { id: number }).id);
  };
  get pending(): number {
    return this.timers.length;
  }
  advance(ms: number) {
    const end = this.t + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.t = due.at;
      due.fn();
    }
    this.t = end;
  }
}

