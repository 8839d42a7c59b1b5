/** Errors that carry an HTTP status and a safe, user-facing message (never credentials). */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new HttpError(404, 'not_found', `${what} not found`);
export const forbidden = (reason: string) => new HttpError(403, 'forbidden', reason);
export const unauthorized = (reason = 'authentication required') => new HttpError(401, 'unauthorized', reason);
export const conflict = (message: string, details?: unknown) => new HttpError(409, 'conflict', message, details);
export const badRequest = (message: string, details?: unknown) => new HttpError(400, 'bad_request', message, details);

/**
 * SQLite refused a write for a reason that passes (another connection holds the lock, the disk is full or failing):
 * a request may be retried later, a background write is retried (db/storage-guard.ts). Codes are better-sqlite3's
 * extended result codes (SQLITE_BUSY_SNAPSHOT, SQLITE_IOERR_WRITE, ...).
 */
export function isStorageUnavailable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED|FULL|IOERR)/.test(code);
}

/**
 * The disk is full: SQLITE_FULL, or an I/O error whose cause was ENOSPC (better-sqlite3 does not carry errno, so only
 * the message tells; SQLite's own IOERR on a full disk mostly surfaces as SQLITE_FULL). Not retried by a client soon:
 * answered 507, not the 503 of a busy database.
 */
export function isStorageFull(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (code.startsWith('SQLITE_FULL') || code === 'ENOSPC') return true;
  return code.startsWith('SQLITE_IOERR') && typeof e?.message === 'string' && /ENOSPC|no space left/i.test(e.message);
}

/** Seconds a client is asked to wait before retrying a write the database refused as busy. */
export const STORAGE_RETRY_AFTER_SEC = 2;
