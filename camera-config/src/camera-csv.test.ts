import { describe, expect, it } from 'vitest';
import { CAMERA_CSV_COLUMNS, readCameraCsv, writeCameraCsv, type CsvCameraExport } from './camera-csv';
import { DEMO_ORG_UNITS } from './demo-county';
import { parseCsv } from './csv-format';

const HEADER = CAMERA_CSV_COLUMNS.join(',');
const village = DEMO_ORG_UNITS.find((u) => u.level === 'village' && u.parentId === '141130101')!; // a 康城镇 village
const otherVillage = DEMO_ORG_UNITS.find((u) => u.level === 'village' && u.parentId === '141130102')!; // a 双池镇 village

const row = (o: Partial<Record<(typeof CAMERA_CSV_COLUMNS)[number], string>>) => CAMERA_CSV_COLUMNS.map((c) => o[c] ?? '').join(',');
const good = (i: number, extra: Partial<Record<(typeof CAMERA_CSV_COLUMNS)[number], string>> = {}) =>
  row({ name: `测试点 ${i}`, township: '康城镇', category: '1', host: `10.1.0.${i}`, username: 'admin', password: `pw-${i}`, rtsp_main: `rtsp://10.1.0.${i}/Streaming/Channels/101`, rtsp_sub: `rtsp://10.1.0.${i}/Streaming/Channels/102`, lat: '37.05', lng: '111.28', direction: '90', ...extra });

describe('readCameraCsv', () => {
  it('reads good rows: township/village by Chinese name or code, BOM, CRLF', () => {
    const text = '\uFEFF' + [
      HEADER,
      good(1),
      good(2, { township: '141130101', village: village.name, category: '3' }),
      good(3, { township: '', village: village.id, category: '三类', host: '', rtsp_main: 'rtsp://10.1.0.3:8554/main', rtsp_sub: '' }),
    ].join('\r\n') + '\r\n';
    const r = readCameraCsv(text, DEMO_ORG_UNITS);
    expect(r.issues).toEqual([]);
    expect(r.rows).toBe(3);
    expect(r.candidates.map((c) => [c.row, c.orgUnitId, c.category])).toEqual([
      [2, '141130101', 1],
      [3, village.id, 3],
      [4, village.id, 3],
    ]);
    expect(r.candidates[0]).toMatchObject({ name: '测试点 1', host: '10.1.0.1', rtspPort: 554, username: 'admin', password: 'pw-1', lat: 37.05, lng: 111.28, direction: 90, deviceCode: null });
    // host and port from the URL when the columns are empty
    expect(r.candidates[2]).toMatchObject({ host: '10.1.0.3', rtspPort: 8554, subStreamUri: null });
  });

  it('reads quoted names with commas and quotes, and skips blank rows', () => {
    const text = [HEADER, row({ name: '"王家庄村 村口, ""东"""', township: '康城镇', category: '3', rtsp_main: 'rtsp://10.1.0.9/a' }), ',,,,,,,,,,,,,', ''].join('\n');
    const r = readCameraCsv(text, DEMO_ORG_UNITS);
    expect(r.issues).toEqual([]);
    expect(r.rows).toBe(1);
    expect(r.candidates[0]!.name).toBe('王家庄村 村口, "东"');
  });

  it('accepts Chinese headers and any column order; unknown columns are only a warning', () => {
    const text = ['子码流,名称,乡镇,类别,备注', 'rtsp://10.1.0.5/sub,东关口,水头镇,1,随便写'].join('\r\n');
    const r = readCameraCsv(text, DEMO_ORG_UNITS);
    expect(r.issues).toEqual([]);
    expect(r.warnings).toEqual([{ row: 1, field: '备注', code: 'column-unknown', params: { column: '备注' }, reason: expect.stringContaining('ignored') }]);
    expect(r.candidates[0]).toMatchObject({ name: '东关口', orgUnitId: '141130100', subStreamUri: 'rtsp://10.1.0.5/sub', host: '10.1.0.5' });
  });

  it('names row and field for each bad row, with readable reasons', () => {
    const text = [
      HEADER,
      good(1),
      good(2, { township: '不存在镇' }),
      good(3, { category: '5', lat: 'north' }),
      good(4, { rtsp_main: 'file:///etc/passwd' }),
      good(5, { name: '' }),
      good(6, { gb28181_code: '123' }),
      good(7, { village: otherVillage.name }),
      good(8, { rtsp_main: 'rtsp://admin:pw@10.1.0.8/a' }),
      good(9, { lng: '' }),
      good(10, { direction: '400' }),
    ].join('\r\n');
    const r = readCameraCsv(text, DEMO_ORG_UNITS);
    expect(r.candidates.map((c) => c.row)).toEqual([2]);
    const by = (n: number) => r.issues.filter((i) => i.row === n).map((i) => `${i.field}: ${i.reason}`);
    expect(by(3)).toEqual(['township: unknown township "不存在镇"']);
    expect(by(4)).toEqual(['category: category must be 1, 2 or 3, not "5"', 'lat: "north" is not a number']);
    expect(by(5)).toEqual(['rtsp_main: stream URL protocol file: is not allowed (use rtsp:// or rtsps://)']);
    expect(by(6)).toEqual(['name: name is required']);
    expect(by(7)).toEqual(['gb28181_code: must be a 20-digit GB/T 28181 device code']);
    expect(by(8)).toEqual([`village: unknown village "${otherVillage.name}" in 康城镇`]);
    expect(by(9)).toEqual(['rtsp_main: stream URL must not carry credentials; set username and password separately']);
    expect(by(10)).toEqual(['lng: lat and lng go together']);
    expect(by(11)).toHaveLength(1);
    expect(by(11)[0]).toMatch(/^direction: /);
  });

  it('reports every problem of a row at once, and of every row, as codes with what the words need', () => {
    const text = [
      HEADER,
      good(1),
      // Five independent mistakes in one row: name, township, category, sub stream URL and the GB/T 28181 code.
      good(2, { name: '', township: '不存在镇', category: '9', rtsp_sub: 'http://10.1.0.2/sub', gb28181_code: '123' }),
      // A row with its own problems still counts as the first holder of its stream URI (row 5 repeats it).
      good(3, { direction: 'east', lat: '', host: 'bad host!' }),
      good(4, { name: 'x'.repeat(101), lat: '95' }),
      good(5, { rtsp_main: 'rtsp://10.1.0.3/Streaming/Channels/101', rtsp_sub: '', transport: 'carrier-pigeon' }),
    ].join('\n');
    const r = readCameraCsv(text, DEMO_ORG_UNITS);
    const by = (n: number) => r.issues.filter((i) => i.row === n).map((i) => [i.field, i.code, i.params ?? null]);
    expect(r.candidates.map((c) => c.row)).toEqual([2]);
    expect(by(3)).toEqual([
      ['name', 'name-required', null],
      ['township', 'township-unknown', { value: '不存在镇' }],
      ['category', 'category-invalid', { value: '9' }],
      ['rtsp_sub', 'stream-url-invalid', { why: 'protocol' }],
      ['gb28181_code', 'gb-code-invalid', null],
    ]);
    expect(by(4)).toEqual([
      ['direction', 'not-a-number', { value: 'east' }],
      ['lat', 'lat-lng-pair', null],
      ['host', 'host-invalid', null],
    ]);
    expect(by(5)).toEqual([
      ['name', 'value-too-long', { column: 'name', max: 100 }],
      ['lat', 'value-too-large', { column: 'lat', max: 90 }],
    ]);
    expect(by(6)).toEqual([
      ['transport', 'value-invalid', { column: 'transport' }],
      ['rtsp_main', 'duplicate-stream-in-file', { first: 4 }],
    ]);
    expect(r.keys.map((k) => k.row)).toEqual([2, 3, 4, 5, 6]);
    expect(r.issues.every((i) => i.reason.length > 0)).toBe(true);
  });

  it('reports duplicates inside the file (same stream URI, also written differently; same GB/T 28181 code)', () => {
    const code = '14113000001320000001';
    const text = [
      HEADER,
      good(1, { gb28181_code: code }),
      good(2, { rtsp_main: 'RTSP://10.1.0.1:554/Streaming/Channels/101/' }),
      good(3, { gb28181_code: code }),
      good(4),
    ].join('\n');
    const r = readCameraCsv(text, DEMO_ORG_UNITS);
    expect(r.candidates.map((c) => c.row)).toEqual([2, 5]);
    expect(r.issues).toEqual([
      { row: 3, field: 'rtsp_main', code: 'duplicate-stream-in-file', params: { first: 2 }, reason: 'duplicate: row 2 has the same stream URI' },
      { row: 4, field: 'gb28181_code', code: 'duplicate-code-in-file', params: { first: 2 }, reason: 'duplicate: row 2 has the same GB/T 28181 code' },
    ]);
  });

  it('refuses a file without the required columns, a broken quote, non-UTF-8 text and too many rows', () => {
    expect(readCameraCsv('name,host\nx,10.0.0.1', DEMO_ORG_UNITS).issues.map((i) => i.reason)).toEqual([
      'missing column category',
      'missing column township (or village)',
      'missing column rtsp_main (or rtsp_sub)',
    ]);
    expect(readCameraCsv(`${HEADER}\n"unterminated,康城镇`, DEMO_ORG_UNITS).issues[0]).toMatchObject({ row: 2, field: '(file)' });
    expect(readCameraCsv(`${HEADER}\n\uFFFD\uFFFD,x`, DEMO_ORG_UNITS).issues[0]!.reason).toContain('not UTF-8');
    expect(readCameraCsv('', DEMO_ORG_UNITS).issues[0]!.reason).toContain('empty');
    const many = readCameraCsv([HEADER, good(1), good(2), good(3)].join('\n'), DEMO_ORG_UNITS, { maxRows: 2 });
    expect(many.issues).toEqual([{ row: 4, field: '(file)', code: 'file-too-many-rows', params: { max: 2 }, reason: 'too many rows: at most 2 cameras per file' }]);
  });
});

describe('writeCameraCsv', () => {
  const cams: CsvCameraExport[] = [
    { name: '水头镇 人民路与府前街交叉口', orgUnitId: '141130100', category: 1, host: '10.0.0.1', rtspPort: 554, username: 'admin', mainStreamUri: 'rtsp://10.0.0.1/101', subStreamUri: 'rtsp://10.0.0.1/102', lat: 36.98, lng: 111.18, direction: 45, deviceCode: '14113000001320000001', rtspTransport: 'auto' },
    { name: '=HYPERLINK("x"), 村口', orgUnitId: village.id, category: 3, host: '10.0.0.2', rtspPort: 8554, username: null, mainStreamUri: null, subStreamUri: 'rtsp://10.0.0.2/sub', lat: null, lng: null, direction: null, deviceCode: null, rtspTransport: 'udp' },
  ];

  it('writes the documented columns with an empty password column, Excel-friendly', () => {
    const text = writeCameraCsv(cams, DEMO_ORG_UNITS);
    expect(text.startsWith('\uFEFF' + HEADER + '\r\n')).toBe(true);
    const records = parseCsv(text).records;
    expect(records[1]).toEqual(['水头镇 人民路与府前街交叉口', '水头镇', '', '1', '10.0.0.1', '554', 'admin', '', 'rtsp://10.0.0.1/101', 'rtsp://10.0.0.1/102', '36.98', '111.18', '45', '14113000001320000001', 'auto']);
    expect(records[2]![0]).toBe(`'=HYPERLINK("x"), 村口`);
    expect(records[2]!.slice(1, 3)).toEqual(['康城镇', village.name]);
    expect(records[2]![CAMERA_CSV_COLUMNS.indexOf('password')]).toBe('');
  });

  it('round-trips through readCameraCsv', () => {
    const r = readCameraCsv(writeCameraCsv(cams, DEMO_ORG_UNITS), DEMO_ORG_UNITS);
    expect(r.issues).toEqual([]);
    expect(r.candidates.map((c) => c.password)).toEqual([null, null]);
    expect(r.candidates.map(({ row: _row, password: _password, ...c }) => c)).toEqual(cams);
  });
});
