// When to fetch a fresh live URL: comfortably before the token expires, measured with the gateway's own clock
// (the Date header) so a workstation with a wrong clock still refreshes in time.
export interface TokenTiming {
  expiresAt: string;
  serverDateMs: number | null;
  receivedAtMs: number;
}

export const MIN_REFRESH_DELAY_MS = 5_000;
export const MIN_REFRESH_MARGIN_MS = 5_000;
export const MAX_REFRESH_MARGIN_MS = 60_000;
/** After a failed refresh, try again this soon (the current token is still valid for a while). */
export const REFRESH_RETRY_MS = 5_000;

/** How long the token is valid from the moment the response arrived; NaN when unknown. */
export function tokenLifetimeMs(t: TokenTiming): number {
  const expires = Date.parse(t.expiresAt);
  return expires - (t.serverDateMs ?? t.receivedAtMs);
}

/** Client-clock time (ms) at which the token stops working; NaN when unknown. */
export function expiresAtClientMs(t: TokenTiming): number {
  return t.receivedAtMs + tokenLifetimeMs(t);
}

/** Client-clock time (ms) at which to refresh: a quarter of the lifetime early, between 5 s and 60 s. */
export function refreshAtMs(t: TokenTiming): number {
  const lifetime = tokenLifetimeMs(t);
  if (!Number.isFinite(lifetime) || lifetime <= 0) return t.receivedAtMs + MIN_REFRESH_DELAY_MS;
  const margin = Math.min(MAX_REFRESH_MARGIN_MS, Math.max(MIN_REFRESH_MARGIN_MS, lifetime * 0.25));
  return t.receivedAtMs + Math.max(MIN_REFRESH_DELAY_MS, lifetime - margin);
}

export function refreshDelayMs(t: TokenTiming, now: number): number {
  return Math.max(0, refreshAtMs(t) - now);
}
