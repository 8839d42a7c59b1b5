import type { Db } from './connection';
import { MIGRATIONS } from './migrations';

export function migrate(db: Db, migrations = MIGRATIONS): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  const newest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  if (from > newest) throw new Error(`database schema v${from} is newer than this gateway (v${newest}); refusing to start`);
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (m.version <= from) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return { from, to: Math.max(from, newest) };
}
