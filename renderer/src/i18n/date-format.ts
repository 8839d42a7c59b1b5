// The console's one way of writing dates and times, per language (pure). Every screen formats through here, so the
// alarm list, incidents, health, audit and statistics never contradict each other (a source-scan test forbids
// toLocale*/Intl.DateTimeFormat elsewhere). Built by hand rather than with Intl so the output is the same in every
// browser and ICU build: zh-CN `2026-12-07 04:57`, en `7 Dec 2026 04:57` (day-month-year with a named month, which
// no reader can take for month-day). Times are the browser's local time, 24-hour.
import type { Language } from './translate';

export type Moment = string | number | Date | null | undefined;

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const EMPTY = '—';
const pad = (n: number) => String(n).padStart(2, '0');

function toDate(value: Moment): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

function dayPart(year: number, month: number, day: number, lang: Language): string {
  return lang === 'en' ? `${day} ${EN_MONTHS[month - 1] ?? '?'} ${year}` : `${year}-${pad(month)}-${pad(day)}`;
}

const timePart = (h: number, m: number, s?: number) => `${pad(h)}:${pad(m)}${s === undefined ? '' : `:${pad(s)}`}`;

/** A moment as date and time ('—' when absent; an unreadable string is shown as sent). */
export function formatDateTime(value: Moment, lang: Language, opts: { seconds?: boolean } = {}): string {
  const d = toDate(value);
  if (!d) return typeof value === 'string' && value ? value : EMPTY;
  const time = timePart(d.getHours(), d.getMinutes(), opts.seconds ? d.getSeconds() : undefined);
  return `${dayPart(d.getFullYear(), d.getMonth() + 1, d.getDate(), lang)} ${time}`;
}

/** A moment's local day ('—' when absent). */
export function formatDate(value: Moment, lang: Language): string {
  const d = toDate(value);
  if (!d) return typeof value === 'string' && value ? value : EMPTY;
  return dayPart(d.getFullYear(), d.getMonth() + 1, d.getDate(), lang);
}

/** 'YYYY-MM' → "2025年3月" / "Mar 2025"; anything else unchanged. */
export function formatMonth(key: string, lang: Language): string {
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  const month = Number(m?.[2]);
  if (!m || month < 1 || month > 12) return key;
  return lang === 'en' ? `${EN_MONTHS[month - 1]} ${m[1]}` : `${m[1]}年${month}月`;
}

// ---------- date inputs ----------
// The fields keep the value the rest of the console works with (`YYYY-MM-DD`, or `YYYY-MM-DDTHH:mm` with a time, the
// same strings as <input type="date|datetime-local">) but show and accept it in the console's language.

const ISO_INPUT = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2}))?$/;
const ZH_INPUT = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?(?:\s*(\d{1,2})[:：](\d{2}))?$/;
const EN_INPUT = /^(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})(?:,?\s+(\d{1,2}):(\d{2}))?$/;

function enMonth(name: string): number {
  const i = EN_MONTHS.findIndex((m) => name.toLowerCase().startsWith(m.toLowerCase()));
  return i + 1;
}

/** What a date field shows for its value ('' for none; a value it cannot read is shown as is). */
export function formatInputValue(value: string, lang: Language): string {
  const m = ISO_INPUT.exec(value);
  if (!m) return value;
  const day = dayPart(Number(m[1]), Number(m[2]), Number(m[3]), lang);
  return m[4] === undefined ? day : `${day} ${timePart(Number(m[4]), Number(m[5]))}`;
}

/**
 * What the operator typed → the field's value, or null when it is not a real date. Either language's format (and
 * ISO) is accepted, so pasting a date never depends on the console's language. `withTime`: a time is required for a
 * date-time field, and refused for a date field.
 */
export function parseInputValue(text: string, withTime: boolean): string | null {
  const s = text.trim();
  let parts: [number, number, number, string | undefined, string | undefined] | null = null;
  const iso = ISO_INPUT.exec(s) ?? ZH_INPUT.exec(s);
  if (iso) parts = [Number(iso[1]), Number(iso[2]), Number(iso[3]), iso[4], iso[5]];
  const en = parts ? null : EN_INPUT.exec(s);
  if (en) parts = [Number(en[3]), enMonth(en[2] ?? ''), Number(en[1]), en[4], en[5]];
  if (!parts) return null;
  const [y, mo, d, h, mi] = parts;
  if ((h !== undefined) !== withTime) return null;
  const probe = new Date(y, mo - 1, d);
  if (mo < 1 || mo > 12 || probe.getFullYear() !== y || probe.getMonth() !== mo - 1 || probe.getDate() !== d) return null;
  const day = `${y}-${pad(mo)}-${pad(d)}`;
  if (h === undefined) return day;
  if (Number(h) > 23 || Number(mi) > 59) return null;
  return `${day}T${pad(Number(h))}:${mi}`;
}
