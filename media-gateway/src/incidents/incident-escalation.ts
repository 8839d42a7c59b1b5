import type { Clock, TimerHandle } from '../platform/clock';
import type { Logger } from '../platform/logger';

/**
 * Runs the overdue escalation (IncidentService.escalateOverdue) every `intervalSec`, and once shortly after start so
 * that deadlines that passed while the gateway was down are caught at once.
 */
export class IncidentEscalationTimer {
  private timer: TimerHandle | null = null;
  private stopped = true;

  constructor(
    private readonly sweep: () => number,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly intervalSec: number,
  ) {}

  start(firstDelayMs = 1000): void {
    this.stopped = false;
    this.schedule(firstDelayMs);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = this.clock.setTimeout(() => {
      try {
        this.sweep();
      } catch (err) {
        this.log.error({ err: { message: (err as Error).message } }, 'incident escalation sweep failed');
      }
      this.schedule(this.intervalSec * 1000);
    }, ms);
    this.timer.unref?.();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}
