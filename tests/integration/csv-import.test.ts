import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAMERA_CSV_COLUMNS, DEMO_ORG_UNITS, parseCsv } from '../../camera-config/src/index';
import type { CameraImportReport } from '../../contracts/src/camera';
import { startHarness, type Harness } from '../helpers/gateway-harness';

type Col = (typeof CAMERA_CSV_COLUMNS)[number];
const HEADER = CAMERA_CSV_COLUMNS.join(',');
const line = (o: Partial<Record<Col, string>>) => CAMERA_CSV_COLUMNS.map((c) => o[c] ?? '').join(',');
const village = DEMO_ORG_UNITS.find((u) => u.level === 'village' && u.parentId === '141130101')!;
const camRow = (i: number, extra: Partial<Record<Col, string>> = {}) =>
  line({ name: `导入点 ${i}`, township: '康城镇', category: '3', village: village.name, username: 'admin', password: `Import-Pw-${i}`, rtsp_main: `rtsp://10.50.0.${i}/Streaming/Channels/101`, rtsp_sub: `rtsp://10.50.0.${i}/Streaming/Channels/102`, lat: '37.06', lng: '111.29', direction: '180', ...extra });
const file = (...rows: string[]) => '\uFEFF' + [HEADER, ...rows].join('\r\n') + '\r\n';

describe('camera CSV import and export (real gateway, real SQLite)', () => {
  let h: Harness;
  const count = () => (h.gw.db.prepare('SELECT COUNT(*) AS n FROM cameras').get() as { n: number }).n;
  const postCsv = async (path: string, csv: string | Buffer, token = h.adminToken, contentType = 'text/csv; charset=utf-8') => {
    const res = await fetch(`${h.gw.url}${path}`, { method: 'POST', headers: { 'content-type': contentType, authorization: `Bearer ${token}` }, body: csv });
    const text = await res.text();
    return { status: res.status, text, body: JSON.parse(text) as CameraImportReport & { message: string; details: CameraImportReport } };
  };
  const login = async (username: string, role: string, orgUnitId: string | null) => {
    await h.api('POST', '/api/v1/users', { username, displayName: username, password: `${username}-pw-12345`, role, orgUnitId }, h.adminToken);
    return (await h.api<{ token: string }>('POST', '/api/v1/session', { username, password: `${username}-pw-12345` })).body.token;
  };

  beforeAll(async () => {
    h = await startHarness({ cameras: 1, prewarm: false });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('dry-runs then commits a good file of 5 cameras (BOM, CRLF, Chinese names, names or codes)', async () => {
    const csv = file(camRow(1), camRow(2, { township: '141130101', village: village.id }), camRow(3, { name: '"导入点 3, 东侧"' }), camRow(4, { village: '', category: '1' }), camRow(5, { category: '三类点' }));
    const before = count();
    const dry = await postCsv('/api/v1/cameras/import?dryRun=true', csv);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, rows: 5, valid: 5, issues: [], created: 0 });
    expect(dry.body.cameras.map((c) => [c.row, c.orgUnitId])).toEqual([
      [2, village.id],
      [3, village.id],
      [4, village.id],
      [5, '141130101'],
      [6, village.id],
    ]);
    expect(count()).toBe(before);

    const done = await h.api<CameraImportReport>('POST', '/api/v1/cameras/import', { csv }, h.adminToken);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ dryRun: false, created: 5 });
    expect(count()).toBe(before + 5);
    const row = h.gw.db.prepare("SELECT * FROM cameras WHERE name = '导入点 3, 东侧'").get() as Record<string, unknown>;
    expect(row).toMatchObject({ org_unit_id: village.id, category: 3, source_type: 'rtsp', host: '10.50.0.3', rtsp_port: 554, username: 'admin', lat: 37.06, direction: 180 });
    expect(h.gw.cipher.decrypt(row.password_enc as string)).toBe('Import-Pw-3');
    expect(done.text).not.toContain('Import-Pw');
    const audit = h.gw.repos.audit.recent(5, { action: 'camera.import' })[0]!;
    expect(audit.outcome).toBe('ok');
    expect(audit.details).toContain('"created":5');
    expect(audit.details).not.toContain('Import-Pw');
    expect(h.gw.repos.audit.recent(5, { action: 'camera.import-check' })).toHaveLength(1);
  });

  it('reports 3 bad rows by row and field; committing the whole file writes nothing; confirmed good rows go in', async () => {
    const csv = file(
      camRow(11),
      camRow(12, { township: '不存在镇' }),
      camRow(13),
      camRow(14, { category: '9', rtsp_main: 'http://10.50.0.14/x' }),
      camRow(15),
      camRow(16, { lat: '九十' }),
    );
    const dry = await postCsv('/api/v1/cameras/import?dryRun=true', csv);
    expect(dry.body.rows).toBe(6);
    expect(dry.body.valid).toBe(3);
    expect(dry.body.issues.map((i) => [i.row, i.field])).toEqual([
      [3, 'township'],
      [5, 'category'],
      [5, 'rtsp_main'],
      [7, 'lat'],
    ]);
    expect(dry.body.issues[0]).toMatchObject({ code: 'township-unknown', params: { value: '不存在镇' }, reason: 'unknown township "不存在镇"' });

    const before = count();
    const whole = await h.api<{ error: string; message: string; details: CameraImportReport }>('POST', '/api/v1/cameras/import', { csv }, h.adminToken);
    expect(whole.status).toBe(422);
    expect(whole.body.message).toContain('nothing was imported');
    expect(whole.body.details.issues.map((i) => i.row)).toEqual([3, 5, 5, 7]);
    expect(count()).toBe(before);
    const withBad = await h.api('POST', '/api/v1/cameras/import', { csv, confirmRows: [2, 3] }, h.adminToken);
    expect(withBad.status).toBe(422);
    const noSuchRow = await h.api<{ details: CameraImportReport }>('POST', '/api/v1/cameras/import', { csv, confirmRows: [2, 40] }, h.adminToken);
    expect(noSuchRow.status).toBe(422);
    expect(noSuchRow.body.details.issues).toEqual([{ row: 40, field: '(row)', code: 'row-no-camera', reason: 'no camera on this row' }]);
    expect(count()).toBe(before);
    expect(h.gw.repos.audit.recent(3, { action: 'camera.import' })[0]!.outcome).toBe('failed');

    const good = await h.api<CameraImportReport>('POST', '/api/v1/cameras/import', { csv, confirmRows: [2, 4, 6] }, h.adminToken);
    expect(good.status).toBe(200);
    expect(good.body.created).toBe(3);
    expect(count()).toBe(before + 3);
  });

  it('reports duplicates within the file and against cameras already registered', async () => {
    const sim = h.fleet.cameras[0]!;
    const csv = file(
      camRow(21),
      camRow(22, { rtsp_main: 'rtsp://10.50.0.21:554/Streaming/Channels/101/', rtsp_sub: '' }),
      camRow(23, { rtsp_main: sim.mainUrl, rtsp_sub: '' }),
      camRow(24, { rtsp_main: 'rtsp://10.50.0.1/Streaming/Channels/101', rtsp_sub: '' }),
    );
    const dry = await postCsv('/api/v1/cameras/import?dryRun=true', csv);
    expect(dry.body.valid).toBe(1);
    expect(dry.body.issues).toEqual([
      { row: 3, field: 'rtsp_main', code: 'duplicate-stream-in-file', params: { first: 2 }, reason: 'duplicate: row 2 has the same stream URI' },
      { row: 4, field: 'rtsp_main', code: 'duplicate-stream', params: { name: `${sim.name} 测试点` }, reason: `duplicate: camera "${sim.name} 测试点" (${h.cameraIds.get(1)}) already uses this stream URI` },
      { row: 5, field: 'rtsp_main', code: 'duplicate-stream', params: { name: '导入点 1' }, reason: expect.stringMatching(/^duplicate: camera "导入点 1" \(.+\) already uses this stream URI$/) },
    ]);
    const before = count();
    expect((await h.api('POST', '/api/v1/cameras/import', { csv }, h.adminToken)).status).toBe(422);
    expect(count()).toBe(before);
  });

  it('exports the caller’s cameras without passwords, scoped to their org units', async () => {
    const res = await fetch(`${h.gw.url}/api/v1/cameras/export.csv`, { headers: { authorization: `Bearer ${h.adminToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="cameras-\d{8}\.csv"$/);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(text.startsWith('\uFEFF' + HEADER + '\r\n')).toBe(true);
    const records = parseCsv(text).records;
    expect(records).toHaveLength(1 + count());
    const password = CAMERA_CSV_COLUMNS.indexOf('password');
    expect(records.slice(1).every((r) => r[password] === '')).toBe(true);
    expect(text).not.toContain('Import-Pw');
    expect(text).not.toContain(h.fleet.cameras[0]!.password);
    expect(records.find((r) => r[0] === '导入点 3, 东侧')).toEqual(expect.arrayContaining(['康城镇', village.name, '3', '10.50.0.3', '554', 'admin', '']));
    expect(h.gw.repos.audit.recent(1, { action: 'camera.export' })[0]!.details).toContain(`"count":${count()}`);

    // A township officer of 水头镇 sees the sim camera only; imports need camera.write.
    const officer = await login('officer-shuitou', 'township-officer', '141130100');
    const scoped = await fetch(`${h.gw.url}/api/v1/cameras/export.csv`, { headers: { authorization: `Bearer ${officer}` } });
    const scopedRecords = parseCsv(await scoped.text()).records;
    expect(scopedRecords.slice(1).map((r) => r[0])).toEqual([`${h.fleet.cameras[0]!.name} 测试点`]);
    expect((await postCsv('/api/v1/cameras/import?dryRun=true', file(camRow(31)), officer)).status).toBe(403);
  });

  it('a re-imported export is all duplicates', async () => {
    const res = await fetch(`${h.gw.url}/api/v1/cameras/export.csv`, { headers: { authorization: `Bearer ${h.adminToken}` } });
    const dry = await postCsv('/api/v1/cameras/import?dryRun=true', Buffer.from(await res.arrayBuffer()));
    expect(dry.body.valid).toBe(0);
    expect(dry.body.issues.length).toBeGreaterThanOrEqual(count());
    expect(dry.body.issues.every((i) => i.reason.startsWith('duplicate:'))).toBe(true);
  });

  it('takes text/csv on the import route only; refuses non-UTF-8 and oversized files', async () => {
    const onCreate = await postCsv('/api/v1/cameras', file(camRow(41)));
    expect(onCreate.status).toBe(415);
    const gbk = Buffer.from([...Buffer.from(`${HEADER}\r\n`), 0xb2, 0xe2, 0xca, 0xd4, 0x2c]); // "测试," in GBK
    const bad = await postCsv('/api/v1/cameras/import?dryRun=true', gbk);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('not UTF-8');
    expect((await postCsv('/api/v1/cameras/import?dryRun=true', file(camRow(42)), h.adminToken, 'text/csv; charset=gbk')).status).toBe(415);
    const huge = file(...Array.from({ length: 30_000 }, (_, i) => camRow(i + 100)));
    expect(Buffer.byteLength(huge)).toBeGreaterThan(4 * 1024 * 1024);
    expect((await postCsv('/api/v1/cameras/import?dryRun=true', huge)).status).toBe(413);
  });
});
