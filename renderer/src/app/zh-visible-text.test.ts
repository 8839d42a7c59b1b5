// The zh-CN console's own words: no dictionary value and no formatter output may show English engine text, a code or
// a UUID (issue 13 bug 7). Screens check their rendered text with the same rules (i18n/visible-text.test-util.ts).
import { describe, expect, it } from 'vitest';
import { ALARM_SEVERITIES, ALARM_STATES, KNOWN_ALARM_TYPES } from '../../../contracts/src/alarm';
import { CAMERA_REASON_CODES } from '../../../contracts/src/stream-status';
import { DICTIONARIES } from './dictionaries';
import { formatDate, formatDateTime, formatMonth } from '../i18n/date-format';
import { reasonWords } from '../i18n/reason-strings';
import { createTranslate } from '../i18n/translate';
import { visibleTexts, zhLeaks } from '../i18n/visible-text.test-util';

const t = createTranslate('zh-CN', DICTIONARIES);

describe('zh-CN visible text', () => {
  it('the leak rules catch what bug 7 saw and pass Chinese', () => {
    for (const bad of ['告警 · grid-report', 'grid-report · critical', 'from alarm 3f2b8c1e-9a4d-4c55-8e21-0b6f1c2d3e4f', 'deadline 2026-12-10T04:58:00.000Z', 'external:grid-app', 'tns1:VideoSource/MotionAlarm', 'camera refused the connection'])
      expect(zhLeaks(bad), bad).not.toEqual([]);
    for (const good of ['告警 · 网格上报', '由告警转入：网格上报 · 紧急', '2026-12-10 04:58', 'H.265 主码流', 'RTSP 地址']) expect(zhLeaks(good), good).toEqual([]);
    expect(zhLeaks('外部系统「grid-app」', ['grid-app'])).toEqual([]);
    expect(visibleTexts('<dl><dt>详情</dt><dd title="tns1:VideoSource/MotionAlarm">移动侦测</dd></dl>')).toEqual(['详情', '移动侦测']);
  });

  it('no dictionary value shows engine English, a code or a UUID', () => {
    const bad = Object.entries(DICTIONARIES['zh-CN'])
      .map(([key, value]) => [key, zhLeaks(value.replace(/\{\w+\}/g, ''))] as const)
      .filter(([, leaks]) => leaks.length > 0);
    expect(bad).toEqual([]);
  });

  it('formatters write dates, reasons and alarm values in Chinese', () => {
    const texts = [
      formatDateTime('2026-12-10T04:58:00.000Z', 'zh-CN'),
      formatDateTime('2026-12-10T04:58:00.000Z', 'zh-CN', { seconds: true }),
      formatDate('2026-12-10T04:58:00.000Z', 'zh-CN'),
      formatMonth('2026-12', 'zh-CN'),
      ...CAMERA_REASON_CODES.map((c) => reasonWords(c, 'not responding (timed out after 5 s)', t) ?? ''),
      ...KNOWN_ALARM_TYPES.map((x) => t(`alarm.type.${x}`)),
      ...ALARM_SEVERITIES.map((x) => t(`alarm.severity.${x}`)),
      ...ALARM_STATES.map((x) => t(`alarm.state.${x}`)),
    ];
    expect(texts.flatMap((x) => zhLeaks(x))).toEqual([]);
  });
});
