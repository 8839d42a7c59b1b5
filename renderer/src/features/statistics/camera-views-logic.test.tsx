import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { CameraViewReportRow } from '../../../../contracts/src/camera-view-report';
import type { OrgUnit } from '../../../../contracts/src/org-unit';
import { DICTIONARIES } from '../../app/dictionaries';
import { I18nContext } from '../../i18n/i18n-context';
import { createTranslate } from '../../i18n/translate';
import { visibleTexts, zhLeaks } from '../../i18n/visible-text.test-util';
import { cameraViewsQuery, nextSort, presetPeriod, tableRows, type Sort } from './camera-views-logic';
import { areaLabel, CameraViewsTable } from './CameraViewsTable';

const unit = (id: string, name: string, level: OrgUnit['level'], parentId: string | null): OrgUnit => ({ id, name, nameEn: `${name}-en`, level, parentId, lat: null, lng: null, demo: true });
const units = new Map([unit('141130', '交口县', 'county', null), unit('141130101', '康城镇', 'township', '141130'), unit('141130102', '双池镇', 'township', '141130'), unit('141130101200', '东村', 'village', '141130101')].map((u) => [u.id, u]));
const row = (cameraId: string, over: Partial<CameraViewReportRow> = {}): CameraViewReportRow => ({ cameraId, name: cameraId, orgUnitId: '141130101', townshipId: '141130101', category: 1, seconds: 0, sessions: 0, lastViewedAt: null, ...over });
const items = [
  row('c', { name: '桥头', orgUnitId: '141130102', townshipId: '141130102', category: 3, lastViewedAt: '2026-12-01T02:00:00.000Z' }),
  row('a', { name: '广场', orgUnitId: '141130101200', category: 3 }),
  row('b', { name: '路口', seconds: 120, sessions: 2, lastViewedAt: '2026-12-07T03:00:00.000Z' }),
];
const opts = (sort: Sort, unviewedOnly = false) => ({ unviewedOnly, sort, areaOf: (r: CameraViewReportRow) => areaLabel(r, units, 'zh-CN'), compare: new Intl.Collator('zh-CN').compare });

describe('camera views report (screen logic)', () => {
  it('turns today / 7 / 30 days into local calendar days and a half-open instant range', () => {
    const now = new Date(2026, 11, 7, 15, 30);
    const custom = { from: '2026-11-01', to: '2026-11-03' };
    expect(presetPeriod('today', now, custom)).toEqual({ from: '2026-12-07', to: '2026-12-07' });
    expect(presetPeriod('7d', now, custom)).toEqual({ from: '2026-12-01', to: '2026-12-07' });
    expect(presetPeriod('30d', now, custom)).toEqual({ from: '2026-11-08', to: '2026-12-07' });
    expect(presetPeriod('custom', now, custom)).toBe(custom);
    const q = new URLSearchParams(cameraViewsQuery({ from: '2026-12-07', to: '2026-12-07' }, '141130101')!);
    expect(Date.parse(q.get('to')!) - Date.parse(q.get('from')!)).toBe(86_400_000);
    expect(Date.parse(q.get('from')!)).toBe(new Date(2026, 11, 7).getTime());
    expect(q.get('orgUnit')).toBe('141130101');
    expect(q.has('format')).toBe(false);
    const csv = new URLSearchParams(cameraViewsQuery({ from: '2026-12-07', to: '2026-12-07' }, '', 'csv', 'en')!);
    expect([csv.get('format'), csv.get('lang'), csv.has('orgUnit')]).toEqual(['csv', 'en', false]);
    expect(cameraViewsQuery({ from: '2026-12-08', to: '2026-12-07' }, '')).toBeNull();
    expect(cameraViewsQuery({ from: '2026-12-0', to: '2026-12-07' }, '')).toBeNull();
  });

  it('shows the unviewed only or all, sorted by any column, never-viewed first by last view', () => {
    const ids = (sort: Sort, unviewedOnly = false) => tableRows(items, opts(sort, unviewedOnly)).map((r) => r.cameraId);
    expect(ids({ key: 'lastViewed', dir: 'asc' })).toEqual(['a', 'c', 'b']);
    expect(ids({ key: 'lastViewed', dir: 'desc' })).toEqual(['b', 'c', 'a']);
    expect(ids({ key: 'seconds', dir: 'desc' })).toEqual(['b', 'a', 'c']); // ties (0 s) by name: 广场 before 桥头
    expect(ids({ key: 'category', dir: 'asc' })[0]).toBe('b');
    expect(ids({ key: 'area', dir: 'asc' }, true)).toEqual(['a', 'c']); // 康城镇 / 东村 before 双池镇 (pinyin)
    expect(ids({ key: 'lastViewed', dir: 'asc' }, true)).toEqual(['a', 'c']);
    expect(nextSort({ key: 'name', dir: 'asc' }, 'name')).toEqual({ key: 'name', dir: 'desc' });
    expect(nextSort({ key: 'name', dir: 'desc' }, 'seconds')).toEqual({ key: 'seconds', dir: 'asc' });
  });

  it('renders the table in Chinese: area, category by name, 从未查看, and which column sorts', () => {
    const t = createTranslate('zh-CN', DICTIONARIES);
    const rows = tableRows(items, opts({ key: 'lastViewed', dir: 'asc' }));
    const html = renderToStaticMarkup(
      <I18nContext.Provider value={{ lang: 'zh-CN', t, setLang: () => undefined }}>
        <CameraViewsTable rows={rows} unitsById={units} sort={{ key: 'lastViewed', dir: 'asc' }} onSort={() => undefined} />
      </I18nContext.Provider>,
    );
    const texts = visibleTexts(html);
    expect(texts).toEqual(expect.arrayContaining(['广场', '康城镇 / 东村', '三类点', '从未查看', '双池镇', '一类点', '2026-12-07 ' + String(new Date('2026-12-07T03:00:00.000Z').getHours()).padStart(2, '0') + ':00', '2 分钟']));
    expect(html).toContain('aria-sort="ascending"');
    expect(html.match(/data-testid="camera-views-row"/g)).toHaveLength(3);
    expect(texts.flatMap((x) => zhLeaks(x, ['广场', '路口', '桥头']))).toEqual([]);
  });
});
