/**
 * Incident codes: `YYYY-<township short code>-<sequence>`, e.g. `2025-101-00042` for the 42nd incident of 2025
 * placed in 康城镇 (141130101). The short code is the 3-digit statistical township part of the GB/T 2260-style code;
 * county-level places use `000`. The sequence restarts every (local) year per township; it is drawn inside the
 * creating transaction (see IncidentRepository.nextSequence), so two requests never get the same number.
 */

export const COUNTY_SHORT_CODE = '000';

/** '141130101' → '101'; a village '141130101203' → '101'; the county '141130' (or null) → '000'. */
export function townshipShortCode(townshipId: string | null): string {
  if (!townshipId || !/^\d{9}(\d{3})?$/.test(townshipId)) return COUNTY_SHORT_CODE;
  return townshipId.slice(6, 9);
}

/** The calendar year at `at` (ms) in a fixed UTC offset (China: +480 minutes, no daylight saving). */
export function localYear(at: number, utcOffsetMinutes: number): number {
  return new Date(at + utcOffsetMinutes * 60_000).getUTCFullYear();
}

/** 'YYYY-MM' at `at` in the given UTC offset. */
export function localMonth(at: number, utcOffsetMinutes: number): string {
  const d = new Date(at + utcOffsetMinutes * 60_000);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** Start of the local year containing `at`, as epoch ms. */
export function startOfLocalYear(at: number, utcOffsetMinutes: number): number {
  return Date.UTC(localYear(at, utcOffsetMinutes), 0, 1) - utcOffsetMinutes * 60_000;
}

export function formatIncidentCode(year: number, shortCode: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new Error(`bad incident sequence ${sequence}`);
  return `${year}-${shortCode}-${String(sequence).padStart(5, '0')}`;
}

export function parseIncidentCode(code: string): { year: number; shortCode: string; sequence: number } | null {
  const m = /^(\d{4})-(\d{3})-(\d{5,})$/.exec(code);
  return m ? { year: Number(m[1]), shortCode: m[2]!, sequence: Number(m[3]) } : null;
}
