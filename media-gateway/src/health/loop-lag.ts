import { monitorEventLoopDelay } from 'node:perf_hooks';

/** The worst event-loop delay seen since the last call (behind an interface so tests inject a lag). */
export interface LoopLagMeter {
  takeMaxMs(): number;
}

/** Node's event-loop delay histogram at 20 ms resolution; `stop()` releases its timer. */
export function eventLoopLagMeter(): LoopLagMeter & { stop(): void } {
  const h = monitorEventLoopDelay({ resolution: 20 });
  h.enable();
  return {
    takeMaxMs: () => {
      const ms = h.count > 0 ? h.max / 1e6 : 0;
      h.reset();
      return ms;
    },
    stop: () => h.disable(),
  };
}
