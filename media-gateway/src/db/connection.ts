import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { cacheStatements } from './statement-cache';

export type Db = Database.Database;

/** Short: better-sqlite3's busy wait blocks the event loop, so a long one freezes every camera and client. */
export const DEFAULT_BUSY_TIMEOUT_MS = 100;

/**
 * WAL for concurrent readers, synchronous=FULL so that a row the API acknowledged survives a power cut
 * (alarms and incidents), a short busy_timeout so a checkpoint or a brief second writer does not fail writes at
 * once, while a lock held for seconds (a backup tool, sqlite3 left in a transaction) costs each attempt at most
 * `busyTimeoutMs` of event loop: API writes then answer 503 and background writes retry later (storage-guard.ts).
 * Each SQL text is prepared once (statement-cache.ts).
 */
export function openDatabase(file: string, busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  db.pragma('foreign_keys = ON');
  return cacheStatements(db);
}
