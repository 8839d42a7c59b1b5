import { mkdtempSync, rmdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillDisk, mountTmpfs, unmount } from '../helpers/disk-filler';
import { startHarness, type Harness } from '../helpers/gateway-harness';
import { until, waitForSegments } from '../helpers/media-probe';

/**
 * Issue 10 item 2: the data dir's disk fills up. A 4 MB tmpfs is the gateway's data dir; a filler file takes the
 * space. Mounting needs root (tests run as root here and in CI); where it is refused the test is skipped, saying why.
 */
const mountDir = mkdtempSync(join(tmpdir(), 'cvg-diskfull-'));
const mountError = mountTmpfs(mountDir, '4m');

describe('disk full', () => {
  let h: Harness;
  let cameraId: string;
  const filler = join(mountDir, 'filler.bin');
  const storageFull = () => h.gw.db.prepare(`SELECT state FROM alarms WHERE type = 'storage-full'`).all() as Array<{ state: string }>;

  beforeAll(async () => {
    if (mountError !== null) return;
    h = await startHarness({ cameras: 1, dataDir: mountDir, db: { minFreeMb: 0.5, freeSpaceCheckSec: 0.3, faultAlarmAfterSec: 1 } });
    cameraId = h.cameraIds.get(h.fleet.cameras[0]!.index)!;
  });
  afterAll(async () => {
    await h?.close();
    if (mountError === null) unmount(mountDir);
    rmdirSync(mountDir);
  });

  it.skipIf(mountError !== null)(`raises storage-full at the watermark, answers writes 507 while reads and live go on, and recovers${mountError ? ` (skipped: ${mountError})` : ''}`, async () => {
    const playlist = await h.liveUrl(cameraId);
    await waitForSegments(playlist, 1);
    expect(storageFull()).toEqual([]);

    // A short WAL (a checkpoint on a disk this full would itself fail): writes below need new pages, none to reuse.
    h.gw.db.pragma('wal_checkpoint(TRUNCATE)');
    // Below the watermark but with room left: the operator hears of it while writes still work.
    fillDisk(filler, mountDir, 300 * 1024);
    await until(async () => storageFull().length > 0, 10_000, 'the storage-full alarm from the watermark');
    expect(storageFull()).toEqual([{ state: 'new' }]);

    // Now completely full: the WAL was emptied, so every write appends frames and needs new pages.
    fillDisk(filler, mountDir, 0);
    const patch = await h.api<{ error: string; message: string }>('PATCH', `/api/v1/cameras/${cameraId}`, { name: 'while-full' }, h.adminToken);
    expect(patch.status).toBe(507);
    expect(patch.body).toEqual({ error: 'storage_full', message: "the gateway's disk is full; nothing was saved" });
    // Reads, the alarm list and the live view are unaffected.
    expect((await h.api('GET', `/api/v1/cameras/${cameraId}`, undefined, h.adminToken)).status).toBe(200);
    expect((await h.api('GET', '/api/v1/cameras', undefined, h.adminToken)).status).toBe(200);
    expect((await h.api('GET', '/api/v1/alarms', undefined, h.adminToken)).status).toBe(200);
    expect((await fetch(playlist)).status).toBe(200);
    // A new live URL too: its audit is queued, not a reason to refuse live view.
    expect((await h.api('GET', `/api/v1/cameras/${cameraId}/live?profile=sub`, undefined, h.adminToken)).status).toBe(200);
    // Background writes queued meanwhile (a check cycle or two) do not end the process.
    await new Promise((r) => setTimeout(r, 1500));
    expect((await h.api('GET', '/api/v1/cameras', undefined, h.adminToken)).status).toBe(200);

    // Space returns: writes work, the alarm resolves by itself, and there was one alarm for the episode.
    rmSync(filler);
    await until(async () => (await h.api('PATCH', `/api/v1/cameras/${cameraId}`, { name: 'after-full' }, h.adminToken)).status === 200, 5000, 'writes after space returns');
    await until(async () => storageFull()[0]?.state === 'resolved', 10_000, 'the storage-full alarm to resolve');
    expect(storageFull()).toEqual([{ state: 'resolved' }]);
    expect(h.gw.db.prepare(`SELECT COUNT(*) AS n FROM alarms WHERE type = 'storage-fault'`).get()).toEqual({ n: 0 });
    await until(async () => h.gw.storage.status().pending === 0, 10_000, 'queued background writes to land');
    expect(h.gw.db.prepare(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'live.url'`).get()).toEqual({ n: 2 });
    expect(h.logs.text()).toMatch(/disk full: answered 507/);
  });
});
