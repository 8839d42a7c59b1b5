import type { Logger } from '../platform/logger';

/**
 * Cameras whose stored credentials were refused (by a pipeline or the health check). Real cameras lock an account
 * after about five failed logins, so a blocked camera is not asked again with those credentials — no pipeline
 * restart, no health-check DESCRIBE — until they change (camera update) or an operator retries
 * (`POST /api/v1/cameras/{id}/retry`). Kept in memory: after a gateway restart each such camera gets one attempt.
 */
export class CameraAuthBlock {
  /** Camera → when it was blocked or last tried since. */
  private readonly blocked = new Map<string, number>();

  constructor(
    private readonly now: () => number,
    private readonly log: Logger,
  ) {}

  isBlocked(cameraId: string): boolean {
    return this.blocked.has(cameraId);
  }

  block(cameraId: string): void {
    if (this.blocked.has(cameraId)) return;
    this.blocked.set(cameraId, this.now());
    this.log.warn({ cameraId }, 'camera refused our credentials: no more attempts until they change or an operator retries');
  }

  /**
   * For the health check of a blocked camera: true at most once per `everyMs` (the camera may have been set back to
   * our credentials on site; one attempt an interval cannot lock an account).
   */
  mayTryAgain(cameraId: string, everyMs: number): boolean {
    const since = this.blocked.get(cameraId);
    if (since === undefined) return true;
    if (this.now() - since < everyMs) return false;
    this.blocked.set(cameraId, this.now());
    return true;
  }

  /** True when the camera was blocked. */
  clear(cameraId: string): boolean {
    return this.blocked.delete(cameraId);
  }
}
