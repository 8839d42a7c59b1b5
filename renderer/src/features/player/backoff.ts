// Retry timing for a tile's player: 1 s, 2 s, 4 s, 8 s, then 10 s for as long as it takes. Up to 20 % jitter
// downwards, so tiles that failed together (a gateway restart) do not all retry in the same instant.
export const BACKOFF_INITIAL_MS = 1000;
export const BACKOFF_MAX_MS = 10_000;
export const BACKOFF_JITTER = 0.2;

export function backoffDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_INITIAL_MS * 2 ** Math.max(0, Math.floor(attempt)));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(base * (1 - BACKOFF_JITTER * r));
}
