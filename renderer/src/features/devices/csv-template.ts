// Pure: the camera CSV columns (camera-config/README.md#camera-csv) as the console documents them, the template a
// technician downloads (generated here, no request: headers in the console's language, which the importer accepts
// either way, and no rows, so a template sent back unchanged cannot create cameras), and the dry-run report arranged
// for the table.
import type { CameraImportReport, CameraImportRow, CsvRowIssue } from '../../../../contracts/src/camera';

/** Same order as camera-config's CAMERA_CSV_COLUMNS (a unit test keeps them equal). */
export const CSV_COLUMNS = ['name', 'township', 'village', 'category', 'host', 'port', 'username', 'password', 'rtsp_main', 'rtsp_sub', 'lat', 'lng', 'direction', 'gb28181_code', 'transport'] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly CsvColumn[] = ['name', 'township', 'category'];

/** An example value per column (demo county), shown in the column notes, never written into the template. */
export const CSV_EXAMPLE: Readonly<Record<CsvColumn, string>> = {
  name: '水头镇 人民路与府前街交叉口', township: '水头镇', village: '', category: '1', host: '192.168.10.21', port: '554', username: 'admin', password: '',
  rtsp_main: 'rtsp://192.168.10.21:554/Streaming/Channels/101', rtsp_sub: 'rtsp://192.168.10.21:554/Streaming/Channels/102', lat: '36.9812', lng: '111.1801', direction: '90', gb28181_code: '', transport: 'tcp',
};

function cell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * The header row only, each column named by `header` (the console's language: 名称, 乡镇 … or name, township …).
 * UTF-8 with a BOM and CRLF line ends, like the gateway's export, so Excel opens the Chinese names correctly.
 */
export function csvTemplate(header: (column: CsvColumn) => string): string {
  return '\uFEFF' + CSV_COLUMNS.map((c) => cell(header(c))).join(',') + '\r\n';
}

export interface ReportRow {
  row: number;
  issues: CsvRowIssue[];
  camera: CameraImportRow | null;
}

/** Issues grouped by row (file-level issues, row < 2, first), plus the rows that would be created. */
export function reportRows(report: Pick<CameraImportReport, 'issues' | 'cameras'>): { issueRows: ReportRow[]; candidates: CameraImportRow[] } {
  const byRow = new Map<number, CsvRowIssue[]>();
  for (const issue of report.issues) byRow.set(issue.row, [...(byRow.get(issue.row) ?? []), issue]);
  const cameras = new Map(report.cameras.map((c) => [c.row, c]));
  const issueRows = [...byRow.entries()].sort((a, b) => a[0] - b[0]).map(([row, issues]) => ({ row, issues, camera: cameras.get(row) ?? null }));
  const candidates = [...report.cameras].filter((c) => !byRow.has(c.row)).sort((a, b) => a.row - b.row);
  return { issueRows, candidates };
}

/**
 * The gateway commits only when the header/file has no problem and every confirmed row is a clean candidate (issues
 * on rows left unconfirmed do not block).
 */
export function canCommit(report: Pick<CameraImportReport, 'issues' | 'cameras'> | null, confirmed: ReadonlySet<number>): boolean {
  if (!report || confirmed.size === 0) return false;
  if (report.issues.some((i) => i.row < 2 || i.field === '(file)' || confirmed.has(i.row))) return false;
  const rows = new Set(report.cameras.map((c) => c.row));
  return [...confirmed].every((r) => rows.has(r));
}
