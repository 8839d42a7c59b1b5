// Low-latency HLS holds two requests open per tile (a blocking playlist reload and the preload-hinted part). Over
// HTTP/2 they share one connection; over HTTP/1.1 Chromium allows 6 connections per host, so a wall of LL tiles
// starves its own segment requests (a 16-tile wall stalled ~22 s). Beyond a small budget, tiles of an HTTP/1.1
// console play plain HLS (whole segments, no blocking): more latency for those tiles, but every tile plays.

export type HttpProtocolClass = 'multiplexed' | 'http1' | 'unknown';

/** Tiles that may hold blocking requests on an HTTP/1.1 console: 2 × 2 of its 6 connections, 2 left for the rest. */
export const HTTP1_LOW_LATENCY_TILES = 2;

/** From PerformanceNavigationTiming/PerformanceResourceTiming.nextHopProtocol ("h2", "h3", "http/1.1", "" when unknown). */
export function classifyProtocol(nextHopProtocol: string | undefined): HttpProtocolClass {
  const p = (nextHopProtocol ?? '').toLowerCase();
  if (p === 'h2' || p === 'h2c' || p.startsWith('h3') || p === 'quic') return 'multiplexed';
  if (p.startsWith('http/1')) return 'http1';
  return 'unknown';
}

/** Whether one more tile may use low latency, given how many already do. An unknown protocol is treated as HTTP/1.1. */
export function mayUseLowLatency(protocol: HttpProtocolClass, held: number, budget = HTTP1_LOW_LATENCY_TILES): boolean {
  return protocol === 'multiplexed' || held < budget;
}

export interface LowLatencyLease {
  readonly lowLatency: boolean;
  release(): void;
}

/** Counts the tiles holding blocking requests; one per page (module singleton below), since the limit is per host. */
export class LowLatencyBudget {
  private held = 0;

  constructor(
    private readonly protocol: () => HttpProtocolClass,
    private readonly budget = HTTP1_LOW_LATENCY_TILES,
  ) {}

  acquire(): LowLatencyLease {
    if (!mayUseLowLatency(this.protocol(), this.held, this.budget)) return { lowLatency: false, release: () => undefined };
    this.held++;
    let released = false;
    return {
      lowLatency: true,
      release: () => {
        if (released) return;
        released = true;
        this.held--;
      },
    };
  }
}

/** The protocol the page (served by the gateway, in the browser and in Electron) was loaded over. */
export function pageProtocol(): HttpProtocolClass {
  if (typeof performance === 'undefined') return 'unknown';
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  return classifyProtocol(nav?.nextHopProtocol);
}

export const lowLatencyBudget = new LowLatencyBudget(pageProtocol);
