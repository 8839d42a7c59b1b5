// The status history's timeline bar and change list: spans that cover the period exactly, coloured by status, and
// reasons in the reader's language (zh-CN checked with the console's leak rules).
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { CameraStatusHistory } from '../../../../contracts/src/camera-status-history';
import { DICTIONARIES } from '../../app/dictionaries';
import { createTranslate } from '../../i18n/translate';
import { visibleTexts, zhLeaks } from '../../i18n/visible-text.test-util';
import { StatusHistorySummary, StatusHistoryView } from './CameraStatusHistory';
import { formatUptime, timelineSegments } from './status-timeline';

const H = 3_600_000;
const T0 = Date.parse('2026-12-01T00:00:00Z');
const iso = (t: number) => new Date(t).toISOString();
const zh = createTranslate('zh-CN', DICTIONARIES);

const history: CameraStatusHistory = {
  cameraId: 'cam-a',
  from: iso(T0),
  to: iso(T0 + 24 * H),
  initialStatus: 'offline',
  events: [
    { status: 'online', at: iso(T0 + H), reasonCode: null, reason: null },
    { status: 'offline', at: iso(T0 + 7 * H), reasonCode: 'auth-failed', reason: 'authentication failed' },
    { status: 'online', at: iso(T0 + 13 * H), reasonCode: null, reason: null },
    { status: 'offline', at: iso(T0 + 20 * H), reasonCode: null, reason: 'connection refused by 10.0.0.7' },
  ],
  onlineMs: 13 * H,
  knownMs: 24 * H,
  uptime: 13 / 24,
};

describe('status timeline', () => {
  it('splits the period into spans of one status that cover it exactly', () => {
    const segs = timelineSegments(history);
    expect(segs.map((s) => [s.status, (s.start - T0) / H, (s.end - T0) / H])).toEqual([
      ['offline', 0, 1],
      ['online', 1, 7],
      ['offline', 7, 13],
      ['online', 13, 20],
      ['offline', 20, 24],
    ]);
    expect(segs.reduce((sum, s) => sum + s.fraction, 0)).toBeCloseTo(1, 10);
    expect(segs[1]!.fraction).toBeCloseTo(6 / 24, 10);
  });

  it('starts unknown before the first recorded change, merges repeats and clamps stray times', () => {
    const segs = timelineSegments({
      from: iso(T0),
      to: iso(T0 + 10 * H),
      initialStatus: 'unknown',
      events: [
        { status: 'online', at: iso(T0 + 4 * H), reasonCode: null, reason: null },
        { status: 'online', at: iso(T0 + 5 * H), reasonCode: null, reason: null },
        { status: 'offline', at: iso(T0 + 12 * H), reasonCode: 'timeout', reason: 'timeout' },
      ],
    });
    expect(segs.map((s) => [s.status, (s.end - s.start) / H])).toEqual([
      ['unknown', 4],
      ['online', 6],
    ]);
    expect(timelineSegments({ from: iso(T0), to: iso(T0), initialStatus: 'online', events: [] })).toEqual([]);
  });

  it('writes uptime without rounding up to a full 100 %', () => {
    expect(formatUptime(13 / 24)).toBe('54.1%');
    expect(formatUptime(0.99996)).toBe('99.9%');
    expect(formatUptime(1)).toBe('100.0%');
    expect(formatUptime(null)).toBe('—');
  });

  it('renders a coloured bar and the changes newest first, reasons in Chinese', () => {
    const html = renderToStaticMarkup(
      <>
        <StatusHistorySummary history={history} t={zh} />
        <StatusHistoryView history={history} t={zh} lang="zh-CN" />
      </>,
    );
    expect([...html.matchAll(/class="seg-(\w+)" style="width:([\d.]+)%"/g)].map((m) => [m[1], Number(Number(m[2]).toFixed(3))])).toEqual([
      ['offline', 4.167],
      ['online', 25],
      ['offline', 25],
      ['online', 29.167],
      ['offline', 16.667],
    ]);
    const texts = visibleTexts(html);
    expect(texts).toContain('在线率 54.1%');
    expect(texts).toContain('期初状态：离线');
    expect(texts).toContain('摄像机认证失败');
    expect(texts).toContain('原因未记录代码（见提示）');
    expect(texts.indexOf('原因未记录代码（见提示）')).toBeLessThan(texts.indexOf('摄像机认证失败'));
    expect(texts.flatMap((x) => zhLeaks(x))).toEqual([]);
  });
});
