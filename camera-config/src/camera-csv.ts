/**
 * The camera inventory as CSV (import and export; see README "Camera CSV"). Pure: parsing, per-row validation
 * with row/field/reason messages, duplicates inside the file, and the export format. Checks against the database
 * (existing cameras, the caller's scope) are the gateway's.
 */
import { cameraCreateSchema, streamUriKey, type CameraCategory, type CsvIssueCode, type CsvRowIssue, type RtspTransport } from '../../contracts/src/camera';
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

type Params = NonNullable<CsvRowIssue['params']>;

/** An issue with its code (for the console's words), params and English reason. */
export function csvIssue(row: number, field: string, code: CsvIssueCode, reason: string, params?: Params): CsvRowIssue {
  return params ? { row, field, code, params, reason } : { row, field, code, reason };
}

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
  /** Every camera row as read (valid or not), in file order: for the gateway's own checks of every row. */
  keys: CsvRowKeys[];
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
      if (h) warnings.push(csvIssue(1, raw.trim(), 'column-unknown', `unknown column "${raw.trim()}" is ignored (columns: ${CAMERA_CSV_COLUMNS.join(', ')})`, { column: raw.trim() }));
      return null;
    }
    if (seen.has(col)) issues.push(csvIssue(1, col, 'column-twice', `column ${col} appears twice`, { column: col }));
    seen.add(col);
    return col;
  });
  for (const required of ['name', 'category'] as const) {
    if (!seen.has(required)) issues.push(csvIssue(1, required, 'column-missing', `missing column ${required}`, { column: required }));
  }
  if (!seen.has('township') && !seen.has('village')) issues.push(csvIssue(1, 'township', 'column-missing-org', 'missing column township (or village)'));
  if (!seen.has('rtsp_main') && !seen.has('rtsp_sub')) issues.push(csvIssue(1, 'rtsp_main', 'column-missing-stream', 'missing column rtsp_main (or rtsp_sub)'));
  return { columns, issues, warnings };
}

interface OrgProblem {
  code: CsvIssueCode;
  reason: string;
  params: Params;
}
const problem = (code: CsvIssueCode, reason: string, params: Params): OrgProblem => ({ code, reason, params });

/** Org units by code or Chinese name, for the township and village columns. */
class OrgResolver {
  private readonly byId = new Map<string, OrgUnit>();

  constructor(private readonly units: readonly OrgUnit[]) {
    for (const u of units) if (!this.byId.has(u.id)) this.byId.set(u.id, u);
  }

  /** township column: a township (or the county itself, for county-level cameras), by code or name. */
  township(value: string): OrgUnit | OrgProblem {
    const byCode = this.byId.get(value);
    if (byCode) return byCode.level === 'village' ? problem('township-is-village', `${value} is a village, not a township`, { value }) : byCode;
    const named = this.units.filter((u) => u.level !== 'village' && u.name === value);
    if (named.length === 1) return named[0]!;
    if (named.length > 1) return problem('township-ambiguous', `township name "${value}" is ambiguous; use its code`, { value });
    return problem('township-unknown', `unknown township "${value}"`, { value });
  }

  /** village column: by code or name, inside `township` when given. */
  village(value: string, township: OrgUnit | null): OrgUnit | OrgProblem {
    const byCode = this.byId.get(value);
    if (byCode) {
      if (byCode.level !== 'village') return problem('village-not-village', `${value} is not a village`, { value });
      if (township && byCode.parentId !== township.id) return problem('village-other-township', `village ${value} is not in ${township.name}`, { value, township: township.name });
      return byCode;
    }
    const named = this.units.filter((u) => u.level === 'village' && u.name === value && (!township || u.parentId === township.id));
    if (named.length === 1) return named[0]!;
    if (named.length > 1) return problem('village-ambiguous', `village name "${value}" is ambiguous; give the township or the village code`, { value });
    return township ? problem('village-unknown-in', `unknown village "${value}" in ${township.name}`, { value, township: township.name }) : problem('village-unknown', `unknown village "${value}"`, { value });
  }
}

function numberCell(value: string, column: CameraCsvColumn, issues: CsvRowIssue[], row: number): number | null {
  if (value === '') return null;
  const n = Number(value);
  if (!Number.isFinite(n) || !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) {
    issues.push(csvIssue(row, column, 'not-a-number', `"${value}" is not a number`, { value }));
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

/** What a row says about itself, valid or not: enough to find duplicates and scope problems in every row. */
export interface CsvRowKeys {
  row: number;
  /** '' when the org unit could not be read. */
  orgUnitId: string;
  mainStreamUri: string | null;
  subStreamUri: string | null;
  deviceCode: string | null;
}

/** A schema complaint about a column, as an issue code (zod's words stay in `reason`). */
function schemaIssue(row: number, column: CameraCsvColumn, issue: { code: string; message: string; origin?: unknown; maximum?: unknown; minimum?: unknown }): CsvRowIssue {
  const limit = (v: unknown) => (typeof v === 'number' || typeof v === 'bigint' ? Number(v) : 0);
  const text = issue.origin === 'string';
  if (issue.code === 'too_big') return csvIssue(row, column, text ? 'value-too-long' : 'value-too-large', issue.message, { column, max: limit(issue.maximum) });
  if (issue.code === 'too_small') return csvIssue(row, column, text ? 'value-too-short' : 'value-too-small', issue.message, { column, min: limit(issue.minimum) });
  if (column === 'host') return csvIssue(row, column, 'host-invalid', issue.message);
  if (column === 'gb28181_code') return csvIssue(row, column, 'gb-code-invalid', issue.message);
  return csvIssue(row, column, 'value-invalid', issue.message, { column });
}

/**
 * Every problem of one row at once: each column is checked on its own, and the camera schema still runs over what
 * could be read (its complaints about a column already reported are dropped, so one mistake is said once).
 */
function readRow(cells: Readonly<Record<CameraCsvColumn, string>>, row: number, orgs: OrgResolver): { candidate: CsvCameraCandidate | null; issues: CsvRowIssue[]; keys: CsvRowKeys } {
  const issues: CsvRowIssue[] = [];
  const add = (field: CameraCsvColumn, code: CsvIssueCode, reason: string, params?: Params) => issues.push(csvIssue(row, field, code, reason, params));
  const addProblem = (field: CameraCsvColumn, p: OrgProblem) => add(field, p.code, p.reason, p.params);

  if (!cells.name) add('name', 'name-required', 'name is required');
  let orgUnitId = '';
  let township: OrgUnit | null = null;
  if (cells.township) {
    const t = orgs.township(cells.township);
    if ('code' in t) addProblem('township', t);
    else township = t;
  }
  if (cells.village) {
    if (township?.level === 'county') add('village', 'village-under-county', 'a village needs its township, not the county');
    else if (!cells.township || township) {
      const v = orgs.village(cells.village, township);
      if ('code' in v) addProblem('village', v);
      else orgUnitId = v.id;
    }
  } else if (township) orgUnitId = township.id;
  else if (!cells.township) add('township', 'org-required', 'township (or village) is required');

  let category: CameraCategory | null = null;
  if (!cells.category) add('category', 'category-required', 'category is required (1, 2 or 3)');
  else {
    category = CATEGORY_WORDS[cells.category] ?? null;
    if (category === null) add('category', 'category-invalid', `category must be 1, 2 or 3, not "${cells.category}"`, { value: cells.category });
  }

  const main = cells.rtsp_main || null;
  const sub = cells.rtsp_sub || null;
  if (!main && !sub) add('rtsp_main', 'stream-required', 'rtsp_main or rtsp_sub is required');
  for (const [column, uri] of [['rtsp_main', main], ['rtsp_sub', sub]] as const) {
    if (!uri) continue;
    const check = checkStreamUrl(uri);
    if (!check.ok) add(column, 'stream-url-invalid', `stream URL ${check.reason}`, { why: check.code });
  }
  const port = numberCell(cells.port, 'port', issues, row);
  const lat = numberCell(cells.lat, 'lat', issues, row);
  const lng = numberCell(cells.lng, 'lng', issues, row);
  const direction = numberCell(cells.direction, 'direction', issues, row);
  if ((lat === null) !== (lng === null) && !issues.some((i) => i.field === 'lat' || i.field === 'lng')) add(lat === null ? 'lat' : 'lng', 'lat-lng-pair', 'lat and lng go together');
  const keys: CsvRowKeys = { row, orgUnitId, mainStreamUri: main, subStreamUri: sub, deviceCode: cells.gb28181_code || null };

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
    const flagged = new Set(issues.map((i) => i.field));
    // The org unit comes from two columns; either one reported covers it.
    if (flagged.has('village')) flagged.add('township');
    for (const issue of parsed.error.issues) {
      const field = FIELD_COLUMN[String(issue.path[0] ?? '')] ?? 'name';
      if (flagged.has(field)) continue;
      flagged.add(field);
      issues.push(schemaIssue(row, field, issue as Parameters<typeof schemaIssue>[2]));
    }
  }
  if (!parsed.success || issues.length > 0) return { candidate: null, issues, keys };
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
    keys,
  };
}

/**
 * Reports rows that repeat a stream URI or GB/T 28181 code of an earlier row (valid or not: every problem at once);
 * the earlier row is not blamed.
 */
function inFileDuplicates(rows: readonly CsvRowKeys[]): CsvRowIssue[] {
  const issues: CsvRowIssue[] = [];
  const uris = new Map<string, number>();
  const codes = new Map<string, number>();
  for (const c of rows) {
    for (const [column, uri] of [['rtsp_main', c.mainStreamUri], ['rtsp_sub', c.subStreamUri]] as const) {
      if (!uri || !checkStreamUrl(uri).ok) continue;
      const key = streamUriKey(uri);
      const first = uris.get(key);
      if (first !== undefined && first !== c.row) issues.push(csvIssue(c.row, column, 'duplicate-stream-in-file', `duplicate: row ${first} has the same stream URI`, { first }));
      else uris.set(key, c.row);
    }
    if (c.deviceCode) {
      const first = codes.get(c.deviceCode);
      if (first !== undefined) issues.push(csvIssue(c.row, 'gb28181_code', 'duplicate-code-in-file', `duplicate: row ${first} has the same GB/T 28181 code`, { first }));
      else codes.set(c.deviceCode, c.row);
    }
  }
  return issues;
}

/**
 * Reads a camera CSV: header mapping, every row checked (every problem of every row, not only the first) (org unit by code or Chinese name, category, URLs, numbers,
 * the API's camera schema), duplicates inside the file. `candidates` holds only rows without any issue.
 */
export function readCameraCsv(text: string, orgUnits: readonly OrgUnit[], opts: { maxRows?: number } = {}): CameraCsvReadResult {
  if (text.includes('\uFFFD')) {
    return { rows: 0, candidates: [], keys: [], issues: [csvIssue(1, '(file)', 'file-not-utf8', 'the file is not UTF-8 (in Excel: Save As → "CSV UTF-8")')], warnings: [] };
  }
  const { records, error } = parseCsv(text);
  const issues: CsvRowIssue[] = [];
  if (error) issues.push(csvIssue(error.row, '(file)', 'file-unclosed-quote', error.reason));
  const header = records[0];
  if (!header || header.every((h) => h.trim() === '')) {
    return { rows: 0, candidates: [], keys: [], issues: [...issues, csvIssue(1, '(file)', 'file-empty', 'the file is empty (a header row is required)')], warnings: [] };
  }
  const mapped = mapHeader(header);
  if (mapped.issues.length > 0) {
    return { rows: Math.max(0, records.length - 1), candidates: [], keys: [], issues: [...issues, ...mapped.issues], warnings: mapped.warnings };
  }
  const orgs = new OrgResolver(orgUnits);
  const candidates: CsvCameraCandidate[] = [];
  const keys: CsvRowKeys[] = [];
  let rows = 0;
  for (let i = 1; i < records.length; i++) {
    const record = records[i]!;
    if (record.every((cell) => cell.trim() === '')) continue;
    rows++;
    const row = i + 1;
    if (opts.maxRows !== undefined && rows > opts.maxRows) {
      issues.push(csvIssue(row, '(file)', 'file-too-many-rows', `too many rows: at most ${opts.maxRows} cameras per file`, { max: opts.maxRows }));
      break;
    }
    const rowIssues: CsvRowIssue[] = [];
    if (record.length > header.length && record.slice(header.length).some((cell) => cell.trim() !== '')) {
      rowIssues.push(csvIssue(row, '(row)', 'row-too-many-cells', `${record.length} cells but the header has ${header.length}`, { cells: record.length, columns: header.length }));
    }
    const cells = Object.fromEntries(CAMERA_CSV_COLUMNS.map((c) => [c, ''])) as Record<CameraCsvColumn, string>;
    mapped.columns.forEach((col, j) => {
      if (col) cells[col] = undefuseCell((record[j] ?? '').trim());
    });
    const result = readRow(cells, row, orgs);
    rowIssues.push(...result.issues);
    issues.push(...rowIssues);
    keys.push(result.keys);
    if (result.candidate && rowIssues.length === 0) candidates.push(result.candidate);
  }
  const dups = inFileDuplicates(keys);
  issues.push(...dups);
  const bad = new Set(dups.map((d) => d.row));
  issues.sort((a, b) => a.row - b.row);
  return { rows, candidates: candidates.filter((c) => !bad.has(c.row)), keys, issues, warnings: mapped.warnings };
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
