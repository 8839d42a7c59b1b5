import { describe, expect, it } from 'vitest';
import type { IncidentStatisticsRow } from '../../../../contracts/src/incident';
import { defaultPeriod, formatCount, formatField, formatRate, formatSatisfaction, layoutBars, niceMax, periodRange, statisticsQuery, ticks } from './statistics-logic';

describe('period', () => {
  it('defaults to this year so far', () => {
    expect(defaultPeriod(new Date(2025, 4, 17, 15))).toEqual({ from: '2025-01-01', to: '2025-05-17' });
  });
  it('is half-open over local days and refuses a reversed range', () => {
    const r = periodRange({ from: '2025-01-01', to: '2025-12-31' })!;
    expect(r.from).toBe(new Date(2025, 0, 1).toISOString());
    expect(r.to).toBe(new Date(2026, 0, 1).toISOString());
    expect(periodRange({ from: '2025-02-01', to: '2025-01-31' })).toBeNull();
    expect(periodRange({ from: '', to: '2025-01-31' })).toBeNull();
  });
  it('builds the JSON and CSV queries', () => {
    const q = new URLSearchParams(statisticsQuery({ from: '2025-01-01', to: '2025-01-31' }, 'month', 'csv')!);
    expect(q.get('groupBy')).toBe('month');
    expect(q.get('format')).toBe('csv');
    expect(new URLSearchParams(statisticsQuery({ from: '2025-01-01', to: '2025-01-31' }, 'township')!).has('format')).toBe(false);
  });
});

describe('formatting', () => {
  it('formats the county figures per locale', () => {
    expect(formatCount(64331, 'zh-CN')).toBe('64,331');
    expect(formatCount(64331, 'en')).toBe('64,331');
    expect(formatRate(0.6572, 'zh-CN')).toBe('65.72%');
    expect(formatRate(0.6572, 'en')).toBe('65.72%');
    expect(formatRate(null, 'en')).toBe('—');
    expect(formatSatisfaction(4.5, 'en')).toBe('4.50');
    expect(formatSatisfaction(null, 'zh-CN')).toBe('—');
  });
  it('formats each table field', () => {
    const row: IncidentStatisticsRow = { key: '141130101', label: '康城镇', accepted: 64331, handled: 42277, handlingRate: 0.6572, overdue: 3, supervised: 12, returnVisits: 40, satisfactionAvg: 4.25, disputesInvestigated: 151, disputesResolved: 148 };
    expect(formatField(row, 'accepted', 'zh-CN')).toBe('64,331');
    expect(formatField(row, 'handlingRate', 'zh-CN')).toBe('65.72%');
    expect(formatField(row, 'satisfactionAvg', 'en')).toBe('4.25');
    expect(formatField(row, 'disputesResolved', 'en')).toBe('148');
  });
});

describe('chart scaling', () => {
  it('rounds the axis up to 1, 2 or 5 × 10^k', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(1)).toBe(1);
    expect(niceMax(3)).toBe(5);
    expect(niceMax(7)).toBe(10);
    expect(niceMax(10)).toBe(10);
    expect(niceMax(42)).toBe(50);
    expect(niceMax(151)).toBe(200);
    expect(niceMax(64331)).toBe(100000);
  });
  it('puts round ticks on it', () => {
    expect(ticks(5)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(ticks(20)).toEqual([0, 5, 10, 15, 20]);
    expect(ticks(1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(ticks(100000)).toEqual([0, 20000, 40000, 60000, 80000, 100000]);
  });
  it('lays out grouped bars inside the plot, scaled to the axis', () => {
    const l = layoutBars([[10, 5], [20, 0]], 200, 100);
    expect(l.top).toBe(20);
    expect(l.groupCentres).toEqual([50, 150]);
    const [a, b, c, d] = l.bars;
    expect(a).toMatchObject({ group: 0, series: 0, x: 10, width: 40, y: 50, height: 50 });
    expect(b).toMatchObject({ group: 0, series: 1, x: 50, y: 75, height: 25 });
    expect(c).toMatchObject({ group: 1, series: 0, x: 110, y: 0, height: 100 });
    expect(d).toMatchObject({ height: 0, y: 100 });
    for (const bar of l.bars) {
      expect(bar.x).toBeGreaterThanOrEqual(0);
      expect(bar.x + bar.width).toBeLessThanOrEqual(200);
    }
  });
  it('clamps to a fixed top (rates) and survives no data', () => {
    const l = layoutBars([[1.2], [0.5]], 100, 100, 1);
    expect(l.bars[0]!.height).toBe(100);
    expect(l.bars[1]!.height).toBe(50);
    expect(layoutBars([], 100, 100).bars).toEqual([]);
  });
});
