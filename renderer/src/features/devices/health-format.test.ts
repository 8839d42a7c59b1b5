import { describe, expect, it } from 'vitest';
import { DICTIONARIES } from '../../app/dictionaries';
import { createTranslate } from '../../i18n/translate';
import { barWidth, formatDuration, formatPercent, groupUnits, healthHeadline, onlineRatesCsv, rateBand, withAllUnits, worstFirst, type UnitHealth } from './health-format';

const unit = (id: string, level: UnitHealth['level'], parentId: string | null, online: number, offline: number): UnitHealth => ({
  orgUnitId: id, name: id, level, parentId, total: online + offline, online, offline, unknown: 0, onlineRate: online + offline ? online / (online + offline) : null,
});

describe('health figures', () => {
  it('formats rates without rounding to a false 100 % or 0 %', () => {
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(0.9755)).toBe('97.6%');
    expect(formatPercent(0.99999)).toBe('99.9%');
    expect(formatPercent(0.00001)).toBe('0.1%');
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(Number.NaN)).toBe('—');
  });
  it('sizes and colours bars', () => {
    expect(barWidth(0.5)).toBe(50);
    expect(barWidth(1.2)).toBe(100);
    expect(barWidth(null)).toBe(0);
    expect([rateBand(0.99), rateBand(0.9), rateBand(0.5), rateBand(null)]).toEqual(['good', 'fair', 'poor', 'unknown']);
  });
  it('formats offline durations with the two largest units', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(59)).toBe('59s');
    expect(formatDuration(3 * 86_400 + 5 * 3600 + 7)).toBe('3d 5h');
    expect(formatDuration(3600 + 30)).toBe('1h 30s');
    expect(formatDuration(125, { d: '天', h: '小时', m: '分', s: '秒' })).toBe('2分 5秒');
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(-5)).toBe('—');
  });
  it('groups villages under their townships, by code', () => {
    const g = groupUnits([unit('141130101', 'township', '141130', 1, 0), unit('141130', 'county', null, 3, 1), unit('141130100200', 'village', '141130100', 0, 1), unit('141130100', 'township', '141130', 2, 1)]);
    expect(g.county?.orgUnitId).toBe('141130');
    expect(g.townships.map((t) => [t.orgUnitId, t.villages.map((v) => v.orgUnitId)])).toEqual([
      ['141130100', ['141130100200']],
      ['141130101', []],
    ]);
  });
  it('lists units without cameras too, with an unknown rate', () => {
    const all = withAllUnits([unit('141130100', 'township', '141130', 1, 0)], [
      { id: '141130100', name: '水头镇', level: 'township', parentId: '141130' },
      { id: '141130101', name: '康城镇', level: 'township', parentId: '141130' },
    ]);
    expect(all.map((u) => [u.orgUnitId, u.total, u.onlineRate])).toEqual([
      ['141130100', 1, 1],
      ['141130101', 0, null],
    ]);
  });
  it("lists only the units inside a scoped user's own unit, not the county above it", () => {
    const known = [
      { id: '141130', name: '交口县', level: 'county', parentId: null },
      { id: '141130100', name: '水头镇', level: 'township', parentId: '141130' },
      { id: '141130100200', name: '某村', level: 'village', parentId: '141130100' },
      { id: '141130101', name: '康城镇', level: 'township', parentId: '141130' },
    ] as const;
    const rows = withAllUnits([unit('141130100', 'township', '141130', 123, 0)], known, '141130100');
    expect(rows.map((u) => u.orgUnitId)).toEqual(['141130100', '141130100200']);
    expect(groupUnits(rows).county).toBeNull();
    expect(withAllUnits([], known).map((u) => u.orgUnitId)).toEqual(['141130', '141130100', '141130100200', '141130101']);
  });
  it('ranks availability worst first, unknown last', () => {
    const rows = [
      { orgUnitId: 'b', availability: 0.9 },
      { orgUnitId: 'a', availability: null },
      { orgUnitId: 'c', availability: 0.5 },
      { orgUnitId: 'd', availability: 0.9 },
    ];
    expect(worstFirst(rows).map((r) => r.orgUnitId)).toEqual(['c', 'b', 'd', 'a']);
  });
  it('exports online rates as CSV with a BOM and defused names', () => {
    const csv = onlineRatesCsv([{ ...unit('141130100', 'township', '141130', 3, 1), name: '=水头镇' }]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.split('\r\n')[1]).toBe(`township,141130100,"'=水头镇",4,3,1,0,75.00`);
  });
});

describe('health headline', () => {
  const zh = createTranslate('zh-CN', DICTIONARIES);
  const en = createTranslate('en', DICTIONARIES);
  const names: Record<string, string> = { '141130': '交口县', '141130100': '水头镇' };
  const name = (u: UnitHealth) => names[u.orgUnitId] ?? u.orgUnitId;
  const when = () => '2026-12-07 04:57';
  const sweep = { startedAt: 0, durationMs: 61_000, checked: 120, online: 118, offline: 2, skipped: 3 };

  it("words a township officer's page for their township, with their share of the sweep", () => {
    const township = unit('141130100', 'township', '141130', 123, 0);
    const h = healthHeadline({ units: [township], scope: township, lastSweep: { ...sweep, scoped: true } }, zh, name, when);
    expect(h.unit?.orgUnitId).toBe('141130100');
    expect(h.title).toBe('设备健康 · 水头镇');
    expect(h.rate).toBe('水头镇在线率 100%（在线 123 / 已知 123，共 123）');
    expect(h.sweep).toBe('上次巡检：2026-12-07 04:57（水头镇：检查 120 个，在线 118，离线 2，跳过 3；全县巡检用时 61.0 秒）');
    expect(healthHeadline({ units: [township], scope: township, lastSweep: { ...sweep, scoped: true } }, en, name, when).title).toBe('Camera health · 水头镇');
  });

  it('keeps the county wording for county-wide users', () => {
    const county = unit('141130', 'county', null, 3, 1);
    const h = healthHeadline({ units: [county], scope: county, lastSweep: { ...sweep, scoped: false } }, zh, name, when);
    expect(h.title).toBe('设备健康');
    expect(h.rate).toBe('全县在线率 75.0%（在线 3 / 已知 4，共 4）');
    expect(h.sweep).toMatch(/^上次巡检：2026-12-07 04:57（检查 120 个/);
    expect(healthHeadline(null, zh, name, when)).toMatchObject({ unit: null, title: '设备健康', rate: '', sweep: '尚未巡检' });
  });

  it('says when the last sweep judged an overloaded gateway instead of the cameras', () => {
    const county = unit('141130', 'county', null, 3, 1);
    const h = healthHeadline({ units: [county], scope: county, lastSweep: { ...sweep, overloaded: 'overran', eventLoopLagMs: 40 } }, zh, name, when);
    expect(h.sweep).toMatch(/用时 61\.0 秒） 本次巡检超出巡检周期（用时 61\.0 秒），网关繁忙：超时未应答的设备需再连续失败 2 次才判定离线，拒绝连接等明确故障照常判定$/);
    const lag = healthHeadline({ units: [county], scope: county, lastSweep: { ...sweep, overloaded: 'event-loop-lag', eventLoopLagMs: 2500 } }, en, name, when);
    expect(lag.sweep).toMatch(/stalled for 2\.5 s during this check/);
    expect(healthHeadline({ units: [county], scope: county, lastSweep: { ...sweep, overloaded: null } }, zh, name, when).sweep).not.toMatch(/网关/);
  });
});
