import { describe, expect, it } from 'vitest';
import { applyPushed, EMPTY_FILTER, listQuery, matchesFilter, pageCount } from './incident-list';
import { incident } from './incident-fixtures.test-util';

const within = (unit: string, ancestor: string) => unit.startsWith(ancestor);
describe('listQuery', () => {
  it('sends only what is set, with paging', () => {
    expect(listQuery(EMPTY_FILTER, 0)).toBe('limit=20&offset=0');
    const q = new URLSearchParams(listQuery({ ...EMPTY_FILTER, state: 'dispatched', township: '141130101', supervised: true, q: ' 积水 ' }, 2));
    expect(Object.fromEntries(q)).toEqual({ state: 'dispatched', orgUnit: '141130101', supervised: 'true', q: '积水', limit: '20', offset: '40' });
  });
  it('turns local days into an inclusive instant range', () => {
    const q = new URLSearchParams(listQuery({ ...EMPTY_FILTER, from: '2025-06-01', to: '2025-06-01' }, 0));
    expect(Date.parse(q.get('to')!) - Date.parse(q.get('from')!)).toBe(86_400_000);
    expect(q.get('from')).toBe(new Date(2025, 5, 1).toISOString());
  });
  it('counts pages', () => {
    expect(pageCount(0)).toBe(1);
    expect(pageCount(41)).toBe(3);
  });
});

describe('matchesFilter', () => {
  it('applies state, category, township (place or responsible), flags and text', () => {
    const i = incident();
    expect(matchesFilter(i, EMPTY_FILTER, within)).toBe(true);
    expect(matchesFilter(i, { ...EMPTY_FILTER, state: 'closed' }, within)).toBe(false);
    expect(matchesFilter(i, { ...EMPTY_FILTER, township: '141130101' }, within)).toBe(true);
    expect(matchesFilter(i, { ...EMPTY_FILTER, township: '141130102' }, within)).toBe(false);
    expect(matchesFilter({ ...i, responsibleOrgUnitId: '141130102' }, { ...EMPTY_FILTER, township: '141130102' }, within)).toBe(true);
    expect(matchesFilter(i, { ...EMPTY_FILTER, supervised: true }, within)).toBe(false);
    expect(matchesFilter(i, { ...EMPTY_FILTER, q: '2025-101' }, within)).toBe(true);
    expect(matchesFilter(i, { ...EMPTY_FILTER, q: '火灾' }, within)).toBe(false);
  });

  it('待我处理: asks the gateway for todo=true and keeps only pushed incidents that wait for the user', () => {
    expect(new URLSearchParams(listQuery({ ...EMPTY_FILTER, todo: true }, 0)).get('todo')).toBe('true');
    expect(new URLSearchParams(listQuery(EMPTY_FILTER, 0)).has('todo')).toBe(false);
    const i = incident();
    expect(matchesFilter(i, { ...EMPTY_FILTER, todo: true }, within, () => true)).toBe(true);
    expect(matchesFilter(i, { ...EMPTY_FILTER, todo: true }, within, () => false)).toBe(false);
    expect(matchesFilter(i, { ...EMPTY_FILTER, todo: true }, within)).toBe(false);
  });
});

describe('applyPushed', () => {
  const list = { items: [incident()], total: 1 };

  it('replaces a known incident only with a newer version (a repeated push changes nothing)', () => {
    const newer = incident({ state: 'analysed', updatedAt: '2025-06-01T01:00:00.000Z' });
    const once = applyPushed(list, newer, { matches: true, firstPage: true });
    expect(once.items[0]!.state).toBe('analysed');
    expect(once.total).toBe(1);
    expect(applyPushed(once, newer, { matches: true, firstPage: true })).toBe(once);
    expect(applyPushed(once, incident(), { matches: true, firstPage: true })).toBe(once);
  });

  it('adds an unknown matching incident on top of the first page and counts it, once', () => {
    const b = incident({ id: 'b' });
    const added = applyPushed(list, b, { matches: true, firstPage: true });
    expect(added.items.map((i) => i.id)).toEqual(['b', 'a']);
    expect(added.total).toBe(2);
    expect(applyPushed(added, b, { matches: true, firstPage: true })).toBe(added);
    expect(applyPushed(list, b, { matches: false, firstPage: true })).toBe(list);
    expect(applyPushed(list, b, { matches: true, firstPage: false })).toBe(list);
    expect(applyPushed(list, b, { matches: true, firstPage: true, pageSize: 1 }).items.map((i) => i.id)).toEqual(['b']);
  });
});
