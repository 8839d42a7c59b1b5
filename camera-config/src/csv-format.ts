/**
 * RFC 4180 CSV, read and written the way Excel does: UTF-8 with a BOM, CRLF line ends, fields quoted when they hold
 * a comma, quote or line break, quotes doubled inside quotes. Pure; no I/O.
 */

export interface CsvParseResult {
  /** Every record, the header included; index 0 is spreadsheet row 1. */
  records: string[][];
  /** A structural problem (an unterminated quote); records hold what was read before it. */
  error: { row: number; reason: string } | null;
}

/**
 * Splits CSV text into records. Accepts an optional UTF-8 BOM, CRLF / LF / CR line ends, quoted fields with
 * embedded commas, doubled quotes and line breaks. A quote inside an unquoted field is kept as a character
 * (as Excel does); text after a closing quote up to the next comma is appended to the field.
 */
export function parseCsv(text: string): CsvParseResult {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  let recordStartRow = 1;
  const endField = () => {
    record.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
    recordStartRow = records.length + 1;
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (ch === ',') endField();
    else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endRecord();
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (quoted) return { records, error: { row: recordStartRow, reason: 'a quoted field is not closed (missing ")' } };
  if (fieldStarted || record.length > 0) endRecord();
  return { records, error: null };
}

/** Cells that Excel would run as a formula get a leading apostrophe (CSV injection); numbers are left alone. */
export function defuseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Undoes defuseCell on import: `'=x` → `=x`; any other leading apostrophe stays. */
export function undefuseCell(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

function quoteCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Header and rows as an Excel-friendly CSV file: BOM, CRLF, RFC 4180 quoting, text cells defused. */
export function formatCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  const cell = (v: string | number | null) => (v === null ? '' : typeof v === 'number' ? String(v) : quoteCell(defuseCell(v)));
  return '\uFEFF' + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
