/**
 * The camera inventory as CSV (import and export; see README "Camera CSV"). Pure: parsing, per-row validation
 * with row/field/reason messages, duplicates inside the file, and the export format. Checks against the database
 * (existing cameras, the caller's scope) are the gateway's.
 */
import { cameraCreateSchema, streamUriKey, type CameraCategory, type CsvRowIssue, type RtspTransport } from '../../contracts/src/camera';
import type { OrgUnit } from '../../contracts/src/org-unit';
import { checkStreamUrl } from '../../contracts/src/stream-url';
import { formatCsv, parseCsv, undefuseCell } from './csv-format';

export const CAMERA_CSV_COLUMNS = [
  'name',
  'township',
  'village',
  'category',
  'host',
  'port',
  'username',
  'password',
  'rtsp_main',
  'rtsp_sub',
  'lat',
  'lng',
  'direction',
  'gb28181_code',
  /** RTSP transport: auto (empty), tcp or udp. */
  'transport',
] as const;
export type CameraCsvColumn = (typeof CAMERA_CSV_COLUMNS)[number];

/** Header names accepted besides the English ones (case-insensitive), for sheets made by hand. */
export const CAMERA_CSV_HEADER_ALIASES: Readonly<Record<string, CameraCsvColumn>> = {
  名称: 'name', 点位名称: 'name', 乡镇: 'township', 村: 'village', 村庄: 'village', 类别: 'category', 地址: 'host',
  ip: 'host', 端口: 'port', 用户名: 'username', 密码: 'password', 主码流: 'rtsp_main', 子码流: 'rtsp_sub', 纬度: 'lat',
  经度: 'lng', 方向: 'direction', 国标编码: 'gb28181_code', 传输: 'transport', 传输协议: 'transport',
};

/** A row that passed every check: what the gateway will create (an RTSP camera). */
export interface CsvCameraCandidate {
  row: number;
  name: string;
  orgUnitId: string;
  category: CameraCategory;
  host: string;
  rtspPort: number;
  username: string | null;
  password: string | null;
  mainStreamUri: string | null;
  subStreamUri: string | null;
  lat: number | null;
  lng: number | null;
  direction: number | null;
  deviceCode: string | null;
  rtspTransport: RtspTransport;
}

export interface CameraCsvReadResult {
  /** Camera rows in the file (header and blank rows excluded). */
  rows: number;
  /** Rows without issues, in file order. */
  candidates: CsvCameraCandidate[];
  /** Every problem, in row order; a row may have several. Row 1 is the header. */
  issues: CsvRowIssue[];
  /** Not errors: columns that were ignored. */
  warnings: CsvRowIssue[];
}

const CATEGORY_WORDS: Readonly<Record<string, CameraCategory>> = {
  '1': 1, '2': 2, '3': 3, 一类: 1, 二类: 2, 三类: 3, 一类点: 1, 二类点: 2, 三类点: 3,
};

/** Which CSV column a field of the camera schema comes from, for messages. */
const FIELD_COLUMN: Readonly<Record<string, CameraCsvColumn>> = {
  name: 'name', orgUnitId: 'township', category: 'category', host: 'host', rtspPort: 'port', username: 'username',
  password: 'password', mainStreamUri: 'rtsp_main', subStreamUri: 'rtsp_sub', lat: 'lat', lng: 'lng', rtspTransport: 'transport',
  direction: 'direction', deviceCode: 'gb28181_code',
};

function mapHeader(header: readonly string[]): { columns: Array<CameraCsvColumn | null>; issues: CsvRowIssue[]; warnings: CsvRowIssue[] } {
  const issues: CsvRowIssue[] = [];
  const warnings: CsvRowIssue[] = [];
  const seen = new Set<CameraCsvColumn>();
  const columns = header.map((raw) => {
    const h = raw.trim().toLowerCase();
    const col = (CAMERA_CSV_COLUMNS as readonly string[]).includes(h) ? (h as CameraCsvColumn) : (CAMERA_CSV_HEADER_ALIASES[h] ?? null);
    if (!col) {
      if (h) warnings.push({ row: 1, field: raw.trim(), reason: `unknown column "${raw.trim()}" is ignored (columns: ${CAMERA_CSV_COLUMNS.join(', ')})` });
      return null;
    }
    if (seen.has(col)) issues.push({ row: 1, field: col, reason: `column ${col} appears twice` });
    seen.add(col);
    return col;
  });
  for (const required of ['name', 'category'] as const) {
    if (!seen.has(required)) issues.push({ row: 1, field: required, reason: `missing column ${required}` });
  }
  if (!seen.has('township') && !seen.has('village')) issues.push({ row: 1, field: 'township', reason: 'missing column township (or village)' });
  if (!seen.has('rtsp_main') && !seen.has('rtsp_sub')) issues.push({ row: 1, field: 'rtsp_main', reason: 'missing column rtsp_main (or rtsp_sub)' });
  return { columns, issues, warnings };
}

/** Org units by code or Chinese name, for the township and village columns. */
class OrgResolver {
  private readonly byId = new Map<string, OrgUnit>();

  constructor(private readonly units: readonly OrgUnit[]) {
    for (const u of units) if (!this.byId.has(u.id)) this.byId.set(u.id, u);
  }

  /** township column: a township (or the county itself, for county-level cameras), by code or name. */
  township(value: string): OrgUnit | string {
    const byCode = this.byId.get(value);
    if (byCode) return byCode.level === 'village' ? `${value} is a village, not a township` : byCode;
    const named = this.units.filter((u) => u.level !== 'village' && u.name === value);
    if (named.length === 1) return named[0]!;
    if (named.length > 1) return `township name "${value}" is ambiguous; use its code`;
    return `unknown township "${value}"`;
  }

  /** village column: by code or name, inside `township` when given. */
  village(value: string, township: OrgUnit | null): OrgUnit | string {
    const byCode = this.byId.get(value);
    if (byCode) {
      if (byCode.level !== 'village') return `${value} is not a village`;
      if (township && byCode.parentId !== township.id) return `village ${value} is not in ${township.name}`;
      return byCode;
    }
    const named = this.units.filter((u) => u.level === 'village' && u.name === value && (!township || u.parentId === township.id));
    if (named.length === 1) return named[0]!;
    if (named.length > 1) return `village name "${value}" is ambiguous; give the township or the village code`;
    return township ? `unknown village "${value}" in ${township.name}` : `unknown village "${value}"`;
  }
}

function numberCell(value: string, column: CameraCsvColumn, issues: CsvRowIssue[], row: number): number | null {
  if (value === '') return null;
  const n = Number(value);
  if (!Number.isFinite(n) || !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) {
    issues.push({ row, field: column, reason: `"${value}" is not a number` });
    return null;
  }
  return n;
}

/** Host for the host column: given, or taken from the first stream URI. */
function hostOf(uri: string | null): string {
  if (!uri) return '';
  const check = checkStreamUrl(uri);
  return check.ok ? check.url.hostname.replace(/^\[|\]$/g, '') : '';
}

function portOf(uri: string | null): number | null {
  if (!uri) return null;
  const check = checkStreamUrl(uri);
  return check.ok && check.url.port ? Number(check.url.port) : null;
}

function readRow(cells: Readonly<Record<CameraCsvColumn, string>>, row: number, orgs: OrgResolver): { candidate: CsvCameraCandidate | null; issues: CsvRowIssue[] } {
  const issues: CsvRowIssue[] = [];
  const add = (field: CameraCsvColumn, reason: string) => issues.push({ row, field, reason });

  let orgUnitId = '';
  let township: OrgUnit | null = null;
  if (cells.township) {
    const t = orgs.township(cells.township);
    if (typeof t === 'string') add('township', t);
    else township = t;
  }
  if (cells.village) {
    if (township?.level === 'county') add('village', 'a village needs its township, not the county');
    else if (!cells.township || township) {
      const v = orgs.village(cells.village, township);
      if (typeof v === 'string') add('village', v);
      else orgUnitId = v.id;
    }
  } else if (township) orgUnitId = township.id;
  else if (!cells.township) add('township', 'township (or village) is required');

  let category: CameraCategory | null = null;
  if (!cells.category) add('category', 'category is required (1, 2 or 3)');
  else {
    category = CATEGORY_WORDS[cells.category] ?? null;
    if (category === null) add('category', `category must be 1, 2 or 3, not "${cells.category}"`);
  }

  const main = cells.rtsp_main || null;
  const sub = cells.rtsp_sub || null;
  if (!main && !sub) add('rtsp_main', 'rtsp_main or rtsp_sub is required');
  for (const [column, uri] of [['rtsp_main', main], ['rtsp_sub', sub]] as const) {
    if (!uri) continue;
    const check = checkStreamUrl(uri);
    if (!check.ok) add(column, `stream URL ${check.reason}`);
  }
  const port = numberCell(cells.port, 'port', issues, row);
  const lat = numberCell(cells.lat, 'lat', issues, row);
  const lng = numberCell(cells.lng, 'lng', issues, row);
  const direction = numberCell(cells.direction, 'direction', issues, row);
  if ((lat === null) !== (lng === null) && !issues.some((i) => i.field === 'lat' || i.field === 'lng')) add(lat === null ? 'lat' : 'lng', 'lat and lng go together');
  if (issues.length > 0) return { candidate: null, issues };

  const input = {
    name: cells.name,
    orgUnitId,
    category,
    sourceType: 'rtsp',
    host: cells.host || hostOf(main) || hostOf(sub),
    rtspPort: port ?? portOf(main) ?? portOf(sub) ?? 554,
    mainStreamUri: main,
    subStreamUri: sub,
    username: cells.username || null,
    password: cells.password || null,
    lat,
    lng,
    direction,
    deviceCode: cells.gb28181_code || null,
    rtspTransport: cells.transport.trim().toLowerCase() || 'auto',
  };
  const parsed = cameraCreateSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = FIELD_COLUMN[String(issue.path[0] ?? '')] ?? 'name';
      add(field, field === 'name' && !cells.name ? 'name is required' : issue.message);
    }
    return { candidate: null, issues };
  }
  const c = parsed.data;
  return {
    candidate: {
      row,
      name: c.name,
      orgUnitId: c.orgUnitId,
      category: c.category,
      host: c.host,
      rtspPort: c.rtspPort,
      username: c.username,
      password: c.password,
      mainStreamUri: c.mainStreamUri,
      subStreamUri: c.subStreamUri,
      lat: c.lat,
      lng: c.lng,
      direction: c.direction,
      deviceCode: c.deviceCode,
      rtspTransport: c.rtspTransport,
    },
    issues,
  };
}

/** Reports rows that repeat a stream URI or GB/T 28181 code of an earlier row; the earlier row stays valid. */
function inFileDuplicates(candidates: CsvCameraCandidate[]): CsvRowIssue[] {
  const issues: CsvRowIssue[] = [];
  const uris = new Map<string, number>();
  const codes = new Map<string, number>();
  for (const c of candidates) {
    const before = issues.length;
    for (const [column, uri] of [['rtsp_main', c.mainStreamUri], ['rtsp_sub', c.subStreamUri]] as const) {
      if (!uri) continue;
      const first = uris.get(streamUriKey(uri));
      if (first !== undefined) issues.push({ row: c.row, field: column, reason: `duplicate: row ${first} has the same stream URI` });
    }
    if (c.deviceCode) {
      const first = codes.get(c.deviceCode);
      if (first !== undefined) issues.push({ row: c.row, field: 'gb28181_code', reason: `duplicate: row ${first} has the same GB/T 28181 code` });
    }
    if (issues.length > before) continue;
    for (const uri of [c.mainStreamUri, c.subStreamUri]) if (uri) uris.set(streamUriKey(uri), c.row);
    if (c.deviceCode) codes.set(c.deviceCode, c.row);
  }
  return issues;
}

/**
 * Reads a camera CSV: header mapping, every row checked (org unit by code or Chinese name, category, URLs, numbers,
 * the API's camera schema), duplicates inside the file. `candidates` holds only rows without any issue.
 */
export function readCameraCsv(text: string, orgUnits: readonly OrgUnit[], opts: { maxRows?: number } = {}): CameraCsvReadResult {
  if (text.includes('\uFFFD')) {
    return { rows: 0, candidates: [], issues: [{ row: 1, field: '(file)', reason: 'the file is not UTF-8 (in Excel: Save As → "CSV UTF-8")' }], warnings: [] };
  }
  const { records, error } = parseCsv(text);
  const issues: CsvRowIssue[] = [];
  if (error) issues.push({ row: error.row, field: '(file)', reason: error.reason });
  const header = records[0];
  if (!header || header.every((h) => h.trim() === '')) {
    return { rows: 0, candidates: [], issues: [...issues, { row: 1, field: '(file)', reason: 'the file is empty (a header row is required)' }], warnings: [] };
  }
  const mapped = mapHeader(header);
  if (mapped.issues.length > 0) {
    return { rows: Math.max(0, records.length - 1), candidates: [], issues: [...issues, ...mapped.issues], warnings: mapped.warnings };
  }
  const orgs = new OrgResolver(orgUnits);
  const candidates: CsvCameraCandidate[] = [];
  let rows = 0;
  for (let i = 1; i < records.length; i++) {
    const record = records[i]!;
    if (record.every((cell) => cell.trim() === '')) continue;
    rows++;
    const row = i + 1;
    if (opts.maxRows !== undefined && rows > opts.maxRows) {
      issues.push({ row, field: '(file)', reason: `too many rows: at most ${opts.maxRows} cameras per file` });
      break;
    }
    const rowIssues: CsvRowIssue[] = [];
    if (record.length > header.length && record.slice(header.length).some((cell) => cell.trim() !== '')) {
      rowIssues.push({ row, field: '(row)', reason: `${record.length} cells but the header has ${header.length}` });
    }
    const cells = Object.fromEntries(CAMERA_CSV_COLUMNS.map((c) => [c, ''])) as Record<CameraCsvColumn, string>;
    mapped.columns.forEach((col, j) => {
      if (col) cells[col] = undefuseCell((record[j] ?? '').trim());
    });
    const result = readRow(cells, row, orgs);
    rowIssues.push(...result.issues);
    issues.push(...rowIssues);
    if (result.candidate && rowIssues.length === 0) candidates.push(result.candidate);
  }
  const dups = inFileDuplicates(candidates);
  issues.push(...dups);
  const bad = new Set(dups.map((d) => d.row));
  issues.sort((a, b) => a.row - b.row);
  return { rows, candidates: candidates.filter((c) => !bad.has(c.row)), issues, warnings: mapped.warnings };
}

/** What the export needs of a camera (a CameraDto fits). */
export interface CsvCameraExport {
  name: string;
  orgUnitId: string;
  category: CameraCategory;
  host: string;
  rtspPort: number;
  username: string | null;
  mainStreamUri: string | null;
  subStreamUri: string | null;
  lat: number | null;
  lng: number | null;
  direction: number | null;
  deviceCode: string | null;
  rtspTransport: RtspTransport;
}

/**
 * The export file: the documented columns, township and village by Chinese name, and the password column always
 * empty — passwords never leave the gateway. Excel-friendly (BOM, CRLF, quoting, formula-looking text defused).
 */
export function writeCameraCsv(cameras: readonly CsvCameraExport[], orgUnits: readonly OrgUnit[]): string {
  const byId = new Map(orgUnits.map((u) => [u.id, u]));
  const rows = cameras.map((c) => {
    const unit = byId.get(c.orgUnitId);
    const parent = unit?.parentId ? byId.get(unit.parentId) : undefined;
    const township = unit?.level === 'village' ? (parent?.name ?? unit.parentId ?? '') : (unit?.name ?? c.orgUnitId);
    const village = unit?.level === 'village' ? unit.name : '';
    return [c.name, township, village, c.category, c.host, c.rtspPort, c.username ?? '', '', c.mainStreamUri ?? '', c.subStreamUri ?? '', c.lat, c.lng, c.direction, c.deviceCode ?? '', c.rtspTransport];
  });
  return formatCsv(CAMERA_CSV_COLUMNS, rows);
}
