/**
 * Dead-man timers for continuous moves: every move (re)arms the camera's timer; when it runs out without a new move
 * the camera is stopped, so a client that vanished mid-drag never leaves a camera spinning. Clock-injected.
 */
import type { Clock, TimerHandle } from '../platform/clock';

export class AutoStopTimers {
  private readonly timers = new Map<string, TimerHandle>();

  constructor(
    private readonly clock: Clock,
    private readonly timeoutMs: number,
    private readonly onExpire: (key: string) => void,
  ) {}

  arm(key: string): void {
    this.disarm(key);
    const handle = this.clock.setTimeout(() => {
      if (this.timers.get(key) !== handle) return;
      this.timers.delete(key);
      this.onExpire(key);
    }, this.timeoutMs);
    handle.unref?.();
    this.timers.set(key, handle);
  }

  disarm(key: string): boolean {
    const h = this.timers.get(key);
    if (h === undefined) return false;
    this.clock.clearTimeout(h);
    this.timers.delete(key);
    return true;
  }

  armed(key: string): boolean {
    return this.timers.has(key);
  }

  /** Clear every timer; returns the keys that were still moving. */
  close(): string[] {
    const keys = [...this.timers.keys()];
    for (const k of keys) this.disarm(k);
    return keys;
  }
}
