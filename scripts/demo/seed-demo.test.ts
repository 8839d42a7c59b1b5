import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CameraRepository } from '../../media-gateway/src/db/camera-repository';
import { openDatabase } from '../../media-gateway/src/db/connection';
import { migrate } from '../../media-gateway/src/db/migrate';
import { OrgUnitRepository } from '../../media-gateway/src/db/org-unit-repository';
import { CredentialCipher } from '../../media-gateway/src/security/credential-cipher';
import { simCameraPassword } from '../sim/camera-identity';
import { startFleet } from '../sim/fleet';
import { ensureDemoOrgUnits, loadDemoCameras, registeredSimCameraCount, simFleetCameras, SIM_VENDOR } from './seed-demo';

describe('demo county loading', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const target = () => {
    const dir = mkdtempSync(join(tmpdir(), 'cvg-demo-'));
    dirs.push(dir);
    const db = openDatabase(join(dir, 'gateway.sqlite'));
    migrate(db);
    return { db, repos: { orgUnits: new OrgUnitRepository(db), cameras: new CameraRepository(db) }, cipher: new CredentialCipher(randomBytes(32)) };
  };

  it('computes the same cameras a running simulator serves (identity, address, URLs)', async () => {
    const fleet = await startFleet({ cameras: 3, port: 0, controlPort: null, prewarm: false });
    try {
      for (const cam of fleet.cameras) {
        const computed = simFleetCameras(3, { port: cam.port })[cam.index - 1]!;
        expect(computed).toEqual({ index: cam.index, name: cam.name, host: cam.host, port: cam.port, username: cam.username, password: cam.password, mainUrl: cam.mainUrl, subUrl: cam.subUrl });
      }
    } finally {
      await fleet.close();
    }
    const all = simFleetCameras(880);
    expect([all[0]!.host, all[879]!.host, all[0]!.port]).toEqual(['127.1.0.1', '127.1.3.130', 8554]);
    expect(simFleetCameras(2, { addressMode: 'shared' }).map((c) => c.mainUrl)).toEqual(['rtsp://127.0.0.1:8555/Streaming/Channels/101', 'rtsp://127.0.0.1:8556/Streaming/Channels/101']);
  });

  it('loads 103 org units and 880 cameras (200 category 1, 680 category 3), and a second run changes nothing', () => {
    const t = target();
    expect(ensureDemoOrgUnits(t)).toBe(103);
    expect(loadDemoCameras(t, simFleetCameras(880))).toEqual({ created: 880, updated: 0, unchanged: 0 });
    const byCategory = t.db.prepare('SELECT category, COUNT(*) AS n FROM cameras GROUP BY category ORDER BY category').all();
    expect(byCategory).toEqual([{ category: 1, n: 200 }, { category: 3, n: 680 }]);
    expect(registeredSimCameraCount(t)).toEqual({ sim: 880, total: 880 });
    const first = t.db.prepare("SELECT * FROM cameras WHERE model = 'SIM-0001'").get() as Record<string, unknown>;
    expect(first).toMatchObject({ host: '127.1.0.1', rtsp_port: 8554, vendor: SIM_VENDOR, category: 1, username: 'admin', video_codec: 'h264', main_width: 1280, sub_width: 640 });
    expect(t.cipher.decrypt(first.password_enc as string)).toBe(simCameraPassword(1));

    expect(ensureDemoOrgUnits(t)).toBe(0);
    expect(loadDemoCameras(t, simFleetCameras(880))).toEqual({ created: 0, updated: 0, unchanged: 880 });
    expect(t.repos.cameras.count()).toBe(880);
    // a moved simulator (another port) updates the addresses in place
    expect(loadDemoCameras(t, simFleetCameras(880, { port: 9554 }))).toEqual({ created: 0, updated: 880, unchanged: 0 });
    expect(t.repos.cameras.count()).toBe(880);
    t.db.close();
  });
});
