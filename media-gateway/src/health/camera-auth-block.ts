import type { Logger } from '../platform/logger';

/**
 * Cameras whose stored credentials were refused (by a pipeline or the health check). Real cameras lock an account
 * after about five failed logins, so a blocked camera is not asked again with those credentials — no pipeline
 * restart, no health-check DESCRIBE — until they change (camera update) or an operator retries
 * (`POST /api/v1/cameras/{id}/retry`). Persisted (`store`, read once at start, written through): a restart must not
 * spend another of the few attempts a camera allows.
 */
export interface AuthBlockStore {
  all(): Array<{ cameraId: string; since: number }>;
  save(cameraId: string, since: number): void;
  delete(cameraId: string): void;
}

export class CameraAuthBlock {
  /** Camera → when it was blocked or last tried since. */
  private readonly blocked = new Map<string, number>();

  constructor(
    private readonly now: () => number,
    private readonly log: Logger,
    private readonly store: AuthBlockStore | null = null,
    /** Runs a store write (the gateway's storage guard: retried while the database is locked, never thrown). */
    private readonly persist: (write: () => void) => void = (w) => w(),
  ) {
    for (const b of store?.all() ?? []) this.blocked.set(b.cameraId, b.since);
  }

  isBlocked(cameraId: string): boolean {
    return this.blocked.has(cameraId);
  }

  block(cameraId: string): void {
    if (this.blocked.has(cameraId)) return;
    this.save(cameraId, this.now());
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
    this.save(cameraId, this.now());
    return true;
  }

  /** True when the camera was blocked. */
  clear(cameraId: string): boolean {
    if (!this.blocked.delete(cameraId)) return false;
    const store = this.store;
    if (store) this.persist(() => store.delete(cameraId));
    return true;
  }

  private save(cameraId: string, since: number): void {
    this.blocked.set(cameraId, since);
    const store = this.store;
    if (store) this.persist(() => store.save(cameraId, since));
  }
}
