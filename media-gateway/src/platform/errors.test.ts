import { describe, expect, it } from 'vitest';
import { isStorageFull, isStorageUnavailable } from './errors';

const err = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isStorageFull', () => {
  it('tells a full disk from a busy database', () => {
    expect(isStorageFull(err('SQLITE_FULL', 'database or disk is full'))).toBe(true);
    expect(isStorageFull(err('ENOSPC'))).toBe(true);
    expect(isStorageFull(err('SQLITE_IOERR_WRITE', 'disk I/O error: ENOSPC'))).toBe(true);
    expect(isStorageFull(err('SQLITE_IOERR_WRITE', 'disk I/O error'))).toBe(false);
    expect(isStorageFull(err('SQLITE_BUSY'))).toBe(false);
    expect(isStorageFull(null)).toBe(false);
    // Still a storage fault for the background guard (queued and retried).
    expect(isStorageUnavailable(err('SQLITE_FULL'))).toBe(true);
  });
});
