import { formatCsv } from '../../../camera-config/src/csv-format';

/**
 * RFC 4180 CSV with a BOM so Excel opens UTF-8 (Chinese names) correctly; formula-looking cells are defused.
 * One writer for every gateway export: camera-config owns it because its inventory export (which must round-trip
 * through its own parser) uses the same rules, and camera-config may not import the gateway.
 */
export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  return formatCsv(header, rows);
}
