/**
 * Exponential backoff with "full jitter" (delay drawn from [base/2, cap-bounded exp]), so that 880 cameras
 * failing at once after a network blip do not reconnect in lock-step.
 */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  factor?: number;
  random?: () => number;
}

export function backoffDelay(attempt: number, opts: BackoffOptions): number {
  const factor = opts.factor ?? 2;
  const random = opts.random ?? Math.random;
  const exp = Math.min(opts.maxMs, opts.initialMs * factor ** Math.max(0, attempt));
  const low = exp / 2;
  return Math.round(low + random() * (exp - low));
}
