import { join } from 'node:path';
import type { Logger } from '../platform/logger';
import type { GatewayModule } from '../server/gateway-module';
import { openDatabase, type Db } from './connection';
import { migrate } from './migrate';
import { createRepositories, type Repositories } from './repositories';

export interface DatabaseModule extends GatewayModule {
  db: Db;
  repos: Repositories;
}

/** The SQLite file in the data dir, migrated, with its repositories; first in the list, so it closes last. */
export function createDatabaseModule(deps: { dataDir: string; log: Logger; now: () => number }): DatabaseModule {
  const db = openDatabase(join(deps.dataDir, 'gateway.sqlite'));
  const schema = migrate(db);
  deps.log.info({ from: schema.from, to: schema.to }, 'database ready');
  return { name: 'database', db, repos: createRepositories(db, deps.now), stop: () => void db.close() };
}
