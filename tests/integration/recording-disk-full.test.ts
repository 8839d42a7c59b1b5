/**
 * The recording volume fills up (issue 14): a small tmpfs is `recording.root`, a filler takes nearly all of it, a
 * camera records until the disk refuses. Recording stops cleanly (status storage-full), one storage-full alarm is
 * raised, live view goes on and the database (another volume) still takes incidents. Mounting needs root; where it
 * is refused the test is skipped, saying why.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillDisk, mountTmpfs, unmount } from '../helpers/disk-filler';
import { startHarness, type Harness } from '../helpers/gateway-harness';
import { until, waitForSegments } from '../helpers/media-probe';

const mountDir = mkdtempSync(join(tmpdir(), 'cvg-recfull-'));
const mountError = mountTmpfs(mountDir, '2m');

describe('recording volume full', () => {
  let h: Harness;
  let cam = '';
  beforeAll(async () => {
    if (mountError !== null) return;
    // No watermark: nothing to delete to make room (one file, being written), so the disk does fill.
    h = await startHarness({ cameras: 1, recording: { root: mountDir, minFreeMb: 0 } });
    cam = h.cameraIds.get(1)!;
  });
  afterAll(async () => {
    await h?.close();
    if (mountError === null) unmount(mountDir);
    rmdirSync(mountDir);
  });

  it.skipIf(mountError !== null)(`stops recording cleanly with one storage-full alarm; live and incident writes go on${mountError ? ` (skipped: ${mountError})` : ''}`, async () => {
    fillDisk(join(mountDir, 'filler.bin'), mountDir, 96 * 1024);
    expect((await h.api('PUT', `/api/v1/cameras/${cam}/recording-plan`, { mode: 'continuous', profile: 'sub' }, h.adminToken)).status).toBe(200);
    const status = await until(async () => {
      const r = await h.api<{ status: { state: string; reasonCode: string | null } }>('GET', `/api/v1/cameras/${cam}/recording-plan`, undefined, h.adminToken);
      return r.body.status.reasonCode === 'storage-full' ? r.body.status : null;
    }, 30_000, 'recording stopped for want of space', 250);
    expect(status.state).toBe('stopped');
    const alarms = () => h.gw.db.prepare(`SELECT state, count FROM alarms WHERE type = 'storage-full'`).all() as Array<{ state: string; count: number }>;
    await until(async () => alarms().length === 1, 5000, 'the storage-full alarm');
    expect(alarms()[0]!.state).toBe('new');
    // Live view goes on (the recorder's failure is not the stream's).
    await waitForSegments(await h.liveUrl(cam, 'sub'), 2);
    const incident = await h.api('POST', '/api/v1/incidents', { clientRequestId: randomUUID(), title: '录像盘满时上报', category: 'other', description: '', place: { orgUnitId: '141130100', lat: null, lng: null, address: '' }, reporter: { kind: 'operator', name: null, phone: null } }, h.adminToken);
    expect(incident.status, incident.text).toBe(201);
    // Still one alarm, and the row of the file it was writing is closed and matches the file.
    expect(alarms()).toHaveLength(1);
    const rows = h.gw.db.prepare('SELECT path, bytes, open FROM recording_files').all() as Array<{ path: string; bytes: number; open: number }>;
    expect(rows.map((r) => r.open)).toEqual([0]);
    expect(statSync(join(mountDir, rows[0]!.path)).size).toBe(rows[0]!.bytes); // no torn fragment at its end
  });
});
