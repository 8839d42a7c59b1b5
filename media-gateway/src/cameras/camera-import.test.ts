// The gateway's own checks (scope, cameras already registered) run on every row of a dry run, also on rows that have
// problems of their own: the technician sees every problem of every row at once.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CAMERA_CSV_COLUMNS } from '../../../camera-config/src/index';
import type { AuthUser } from '../auth/auth-user';
import { ScopeService } from '../auth/scope-service';
import { openDatabase } from '../db/connection';
import { migrate } from '../db/migrate';
import { createRepositories } from '../db/repositories';
import { CredentialCipher } from '../security/credential-cipher';
import { CameraImportService } from './camera-import';

const officer: AuthUser = { id: 'u-a', username: 'a', displayName: 'a', role: 'technician', orgUnitId: '141130101', sessionId: 's' };

function setup() {
  const db = openDatabase(':memory:');
  migrate(db);
  const repos = createRepositories(db, () => 1_765_000_000_000);
  const unit = (id: string, name: string, level: 'county' | 'township', parentId: string | null) => repos.orgUnits.create({ id, name, nameEn: null, level, parentId, lat: null, lng: null, demo: false });
  unit('141130', '交口县', 'county', null);
  unit('141130101', '康城镇', 'township', '141130');
  unit('141130102', '双池镇', 'township', '141130');
  repos.cameras.create({
    id: 'cam-old', name: '老点位', orgUnitId: '141130101', category: 1, sourceType: 'rtsp', host: '10.9.0.1', rtspPort: 554, onvifPort: null,
    mainStreamUri: 'rtsp://10.9.0.1/main', subStreamUri: null, username: null, passwordEnc: null, lat: null, lng: null, direction: null, deviceCode: '14113000001320000001',
    videoCodec: 'h264', vendor: null, model: null,
  } as unknown as Parameters<typeof repos.cameras.create>[0]);
  const svc = new CameraImportService({ db, cameras: repos.cameras, orgUnits: repos.orgUnits, scope: new ScopeService(repos.orgUnits), cipher: new CredentialCipher(randomBytes(32)), audit: repos.audit, options: { maxRows: 100 } });
  return { svc, close: () => db.close() };
}

const line = (o: Partial<Record<(typeof CAMERA_CSV_COLUMNS)[number], string>>) => CAMERA_CSV_COLUMNS.map((c) => o[c] ?? '').join(',');

describe('camera import dry run (gateway checks)', () => {
  it('reports scope and registered duplicates on rows that have other problems too', async () => {
    const { svc, close } = setup();
    const csv = [
      CAMERA_CSV_COLUMNS.join(','),
      line({ name: '好点位', township: '康城镇', category: '1', rtsp_main: 'rtsp://10.9.0.2/main' }),
      // Bad category, outside the technician's township, and its stream and code are already registered.
      line({ name: '坏点位', township: '双池镇', category: '7', rtsp_main: 'rtsp://10.9.0.1/main', gb28181_code: '14113000001320000001' }),
      // No name, and a stream written differently that row 3 and a registered camera already use.
      line({ name: '', township: '康城镇', category: '2', rtsp_main: 'RTSP://10.9.0.1:554/main/' }),
    ].join('\r\n');
    const report = await svc.dryRun(officer, csv, '127.0.0.1');
    const by = (row: number) => report.issues.filter((i) => i.row === row).map((i) => [i.field, i.code]);
    expect(report.valid).toBe(1);
    expect(report.cameras.map((c) => c.row)).toEqual([2]);
    expect(by(3)).toEqual([
      ['category', 'category-invalid'],
      ['township', 'outside-scope'],
      ['rtsp_main', 'duplicate-stream'],
      ['gb28181_code', 'duplicate-code'],
    ]);
    expect(by(4)).toEqual([
      ['name', 'name-required'],
      ['rtsp_main', 'duplicate-stream-in-file'],
      ['rtsp_main', 'duplicate-stream'],
    ]);
    expect(report.issues.find((i) => i.code === 'duplicate-stream')?.params).toEqual({ name: '老点位' });
    close();
  });
});
