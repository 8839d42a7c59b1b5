import type { GatewayModule } from '../server/gateway-module';
import type { DiskSpaceMonitor } from './disk-space-monitor';

/**
 * Checks the data dir's free space at start and then every `intervalMs`. Also with the watermark at 0: an episode
 * started by a refused write ends when a check finds space again.
 */
export function diskSpaceModule(monitor: DiskSpaceMonitor, intervalMs: number): GatewayModule {
  let timer: NodeJS.Timeout | null = null;
  return {
    name: 'disk-space',
    start() {
      monitor.check();
      timer = setInterval(() => monitor.check(), intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
