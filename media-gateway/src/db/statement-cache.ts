import type Database from 'better-sqlite3';

/** Distinct SQL texts kept; filters build a few variants each, far below this. Past it the oldest is dropped. */
const MAX_STATEMENTS = 500;

/**
 * Makes `db.prepare(sql)` prepare each SQL text once. Repositories call `prepare` inside their methods, and
 * compiling the same SQL again on every request was a large share of an HLS request's CPU. Safe here because no
 * code changes a statement's mode (`pluck`/`raw`/`expand`/`bind`) or iterates one while calling it again; SQLite
 * re-prepares a cached statement itself after a schema change.
 */
export function cacheStatements<T extends Database.Database>(db: T, max = MAX_STATEMENTS): T {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  const cached = (sql: string): Database.Statement => {
    let stmt = cache.get(sql);
    if (stmt) return stmt;
    stmt = prepare(sql);
    if (cache.size >= max) cache.delete(cache.keys().next().value!);
    cache.set(sql, stmt);
    return stmt;
  };
  db.prepare = cached as T['prepare'];
  return db;
}
