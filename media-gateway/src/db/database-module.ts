import { join } from 'node:path';
import type { Logger } from '../platform/logger';
import type { GatewayModule } from '../server/gateway-module';
import { openDatabase, type Db } from './connection';
import { migrate } from './migrate';
import { createRepositories, type Repositories } from './repositories';
import { WalCheckpointer } from './wal-checkpointer';

export interface DatabaseModule extends GatewayModule {
  db: Db;
  repos: Repositories;
}

/**
 * The SQLite file in the data dir, migrated, with its repositories and the periodic WAL checkpoint; near the start of
 * the module list, so it closes last.
 */
export function createDatabaseModule(deps: { dataDir: string; walCheckpointSec: number; busyTimeoutMs?: number; log: Logger; now: () => number }): DatabaseModule {
  const db = openDatabase(join(deps.dataDir, 'gateway.sqlite'), deps.busyTimeoutMs);
  const schema = migrate(db);
  deps.log.info({ from: schema.from, to: schema.to }, 'database ready');
  const checkpoints = new WalCheckpointer(db, deps.log);
  return {
    name: 'database',
    db,
    repos: createRepositories(db, deps.now),
    start: () => void checkpoints.start(deps.walCheckpointSec),
    stop: () => {
      checkpoints.stop();
      db.close();
    },
  };
}
