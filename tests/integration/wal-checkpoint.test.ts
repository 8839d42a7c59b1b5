import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../media-gateway/src/config/load-config';
import { startGateway, type Gateway } from '../../media-gateway/src/gateway';
import { LogCapture } from '../helpers/log-capture';
import { until } from '../helpers/media-probe';

/** The gateway's SQLite -wal file after a burst of writes: it shrinks once the periodic checkpoint runs. */
describe('WAL checkpoint on a timer (db.walCheckpointSec)', () => {
  let gw: Gateway | undefined;
  let dataDir: string;
  const walBytes = () => statSync(join(dataDir, 'gateway.sqlite-wal')).size;
  const start = async (walCheckpointSec: number) => {
    dataDir = mkdtempSync(join(tmpdir(), 'cvg-wal-it-'));
    const config = loadConfig({ env: {}, overrides: { dataDir, http1: true, port: 0, logLevel: 'warn', health: { enabled: false }, db: { walCheckpointSec } } });
    gw = await startGateway(config, { logDestination: new LogCapture(), env: { ADMIN_PASSWORD: 'wal-test-pw-K8' }, announce: () => {} });
    return gw;
  };
  /** 16 MB through the gateway's own connection, as an import or an alarm storm would write. */
  const burst = (g: Gateway) => {
    g.db.exec('CREATE TABLE IF NOT EXISTS wal_burst (payload BLOB)');
    const insert = g.db.prepare('INSERT INTO wal_burst (payload) VALUES (?)');
    g.db.transaction(() => {
      for (let i = 0; i < 256; i++) insert.run(Buffer.alloc(64 * 1024, i));
    })();
  };
  afterEach(async () => {
    await gw?.close();
    gw = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shrinks the -wal file to nothing once the checkpoint runs', async () => {
    burst(await start(0.5));
    expect(walBytes()).toBeGreaterThan(16 * 1024 * 1024);
    await until(async () => walBytes() === 0, 5000, 'the -wal file to be truncated');
    expect(gw!.db.prepare('SELECT count(*) AS n FROM wal_burst').get()).toEqual({ n: 256 });
  });

  it('without it (0), SQLite keeps the -wal file at its peak size', async () => {
    burst(await start(0));
    const peak = walBytes();
    await new Promise((r) => setTimeout(r, 1500));
    expect(walBytes()).toBe(peak);
  });
});
