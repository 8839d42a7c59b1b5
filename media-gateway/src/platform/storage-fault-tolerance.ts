import { isStorageFull, isStorageUnavailable } from './errors';

/**
 * The last line of defence for a database error thrown out of a callback the storage guard does not wrap: a locked or
 * full database (or a file write refused with ENOSPC) is a passing condition (the transaction rolled back), not a reason to end the process and drop every
 * viewer. Anything else is a crash, left to `onFatal` (log and exit: the supervisor restarts the gateway).
 */
export function tolerateStorageFaults(warn: (err: unknown) => void, onFatal: (err: unknown) => void): void {
  const handle = (err: unknown) => (isStorageUnavailable(err) || isStorageFull(err) ? warn(err) : onFatal(err));
  process.on('uncaughtException', handle);
  process.on('unhandledRejection', handle);
}
