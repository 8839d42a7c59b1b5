import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatInputValue, formatMonth, parseInputValue } from './date-format';

// Local-time moments, so the expectations hold in any time zone the tests run in.
const moment = new Date(2026, 11, 7, 4, 57, 9);

describe('date-format', () => {
  it('writes a moment one way per language', () => {
    expect(formatDateTime(moment, 'zh-CN')).toBe('2026-12-07 04:57');
    expect(formatDateTime(moment, 'en')).toBe('7 Dec 2026 04:57');
    expect(formatDateTime(moment.toISOString(), 'en')).toBe('7 Dec 2026 04:57');
    expect(formatDateTime(moment.getTime(), 'zh-CN', { seconds: true })).toBe('2026-12-07 04:57:09');
    expect(formatDateTime(new Date(2026, 0, 31, 23, 5), 'en', { seconds: true })).toBe('31 Jan 2026 23:05:00');
    expect(formatDate(moment, 'zh-CN')).toBe('2026-12-07');
    expect(formatDate(moment, 'en')).toBe('7 Dec 2026');
  });

  it('says — for nothing and shows an unreadable value as sent', () => {
    expect(formatDateTime(null, 'zh-CN')).toBe('—');
    expect(formatDateTime('', 'en')).toBe('—');
    expect(formatDateTime(undefined, 'en')).toBe('—');
    expect(formatDateTime('not a date', 'en')).toBe('not a date');
    expect(formatDate(null, 'en')).toBe('—');
  });

  it('names months', () => {
    expect(formatMonth('2025-03', 'zh-CN')).toBe('2025年3月');
    expect(formatMonth('2025-03', 'en')).toBe('Mar 2025');
    expect(formatMonth('2025-13', 'en')).toBe('2025-13');
    expect(formatMonth('county', 'en')).toBe('county');
  });

  it('shows a date field value in the console language', () => {
    expect(formatInputValue('2026-12-07', 'zh-CN')).toBe('2026-12-07');
    expect(formatInputValue('2026-12-07', 'en')).toBe('7 Dec 2026');
    expect(formatInputValue('2026-12-07T04:57', 'en')).toBe('7 Dec 2026 04:57');
    expect(formatInputValue('2026-12-07T04:57', 'zh-CN')).toBe('2026-12-07 04:57');
    expect(formatInputValue('', 'en')).toBe('');
  });

  it('reads what an operator types in either language (and ISO), refusing non-dates', () => {
    expect(parseInputValue('7 Dec 2026', false)).toBe('2026-12-07');
    expect(parseInputValue(' 07 december 2026 ', false)).toBe('2026-12-07');
    expect(parseInputValue('2026-12-7', false)).toBe('2026-12-07');
    expect(parseInputValue('2026年12月7日', false)).toBe('2026-12-07');
    expect(parseInputValue('2026-12-07T18:00', true)).toBe('2026-12-07T18:00');
    expect(parseInputValue('2026-12-07 8:05', true)).toBe('2026-12-07T08:05');
    expect(parseInputValue('7 Dec 2026 04:57', true)).toBe('2026-12-07T04:57');
    expect(parseInputValue('2026年12月7日 04：57', true)).toBe('2026-12-07T04:57');
    // round trip through what the field shows
    for (const lang of ['zh-CN', 'en'] as const) expect(parseInputValue(formatInputValue('2026-02-28T23:59', lang), true)).toBe('2026-02-28T23:59');
    for (const bad of ['', '2026-02-30', '31 Feb 2026', '2026-13-01', '12/07/2026', '7 Foo 2026', '2026-12-07 24:00', '2026-12-07 10:60']) {
      expect(parseInputValue(bad, bad.includes(':')), bad).toBeNull();
    }
    expect(parseInputValue('2026-12-07 10:00', false)).toBeNull();
    expect(parseInputValue('2026-12-07', true)).toBeNull();
  });
});

// Every screen writes dates through date-format.ts: a screen calling the browser's locale formatting itself is how
// en-GB, en-US and the browser default ended up side by side.
const sources = import.meta.glob<string>(['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}', '!./date-format.ts'], { query: '?raw', import: 'default', eager: true });

describe('date formatting has one home', () => {
  it('scans the console sources', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(100);
    expect(Object.keys(sources)).toContain('../features/alarms/AlarmsPage.tsx');
  });

  it('no screen formats dates by itself or uses the browser-locale date inputs', () => {
    const forbidden = /\.toLocale(Date|Time)?String\(|Intl\.DateTimeFormat|type=["'](date|datetime-local|time|month)["']/;
    const offenders = Object.entries(sources)
      .flatMap(([file, text]) => text.split('\n').map((line, i) => ({ file, line: i + 1, text: line })))
      .filter((l) => forbidden.test(l.text))
      .map((l) => `${l.file}:${l.line}: ${l.text.trim()}`);
    expect(offenders).toEqual([]);
  });
});
