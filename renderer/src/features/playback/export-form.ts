// The "导出片段" form of a playback tile (issue 14), pure: its default range around the cursor, what the operator
// typed → the POST body or the fields in error, and the gateway's refusals in words.
import { formatDateTime, parseInputValue } from '../../i18n/date-format';
import type { Language, Translate } from '../../i18n/translate';
import type { ExportBody, PlaybackProfile } from './playback-api';

/** The gateway refuses longer exports (400 on `to`). */
export const EXPORT_MAX_MS = 30 * 60_000;
/** The default range: this much either side of the cursor. */
export const EXPORT_AROUND_MS = 30_000;
const REASON_MIN = 2;
const REASON_MAX = 500;

export interface ExportForm {
  from: string;
  to: string;
  reason: string;
}

export type ExportField = keyof ExportForm;
export type ExportFieldError = 'badTime' | 'toBeforeFrom' | 'tooLong' | 'reasonRequired' | 'reasonTooLong';

/** Cursor − 30 s … cursor + 30 s (now when there is no cursor), as the fields show them (seconds included). */
export function defaultExportForm(cursorMs: number | null, lang: Language, now = Date.now()): ExportForm {
  const at = Math.round((cursorMs ?? now) / 1000) * 1000;
  return { from: formatDateTime(at - EXPORT_AROUND_MS, lang, { seconds: true }), to: formatDateTime(at + EXPORT_AROUND_MS, lang, { seconds: true }), reason: '' };
}

const SECONDS_TAIL = /^(.*\d{1,2}[:：]\d{2})[:：](\d{2})$/;

/** A date-time field with optional seconds (either language's format, or ISO) → local epoch ms, or null. */
export function parseExportTime(text: string): number | null {
  const s = text.trim();
  const m = SECONDS_TAIL.exec(s);
  const value = parseInputValue(m ? m[1]! : s, true);
  const sec = m ? Number(m[2]) : 0;
  if (value === null || sec > 59) return null;
  const [day, time] = value.split('T') as [string, string];
  const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  return new Date(y, mo - 1, d, h, mi, sec).getTime();
}

/** The POST body, or each field's error (the same limits as the gateway's, so a refusal is rare). */
export function exportBody(form: ExportForm, profile: PlaybackProfile): { body: ExportBody } | { errors: Partial<Record<ExportField, ExportFieldError>> } {
  const errors: Partial<Record<ExportField, ExportFieldError>> = {};
  const from = parseExportTime(form.from);
  const to = parseExportTime(form.to);
  if (from === null) errors.from = 'badTime';
  if (to === null) errors.to = 'badTime';
  else if (from !== null && to <= from) errors.to = 'toBeforeFrom';
  else if (from !== null && to - from > EXPORT_MAX_MS) errors.to = 'tooLong';
  const reason = form.reason.trim();
  if (reason.length < REASON_MIN) errors.reason = 'reasonRequired';
  else if (reason.length > REASON_MAX) errors.reason = 'reasonTooLong';
  if (from === null || to === null || Object.keys(errors).length > 0) return { errors };
  return { body: { from: new Date(from).toISOString(), to: new Date(to).toISOString(), reason, profile } };
}

interface RefusalLike {
  status: number;
  code: string;
  details: unknown;
}

/** A refused export in words: the field the gateway named (400), nothing recorded (404), or its message. */
export function exportRefusalText(e: RefusalLike, t: Translate): string {
  if (e.status === 404 && e.code === 'not_recorded') return t('export.notRecorded');
  if (e.status === 400) {
    const issues = (e.details as { issues?: { field?: unknown }[] } | null)?.issues ?? [];
    const field = issues.map((i) => i.field).find((f): f is ExportField => f === 'from' || f === 'to' || f === 'reason');
    return field ? t('export.badField', { field: t(`export.${field}`) }) : t('export.badRequest');
  }
  if (e.status === 403 || e.status === 404) return t('export.forbidden');
  return t('export.failed');
}
