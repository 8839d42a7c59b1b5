import { describe, expect, it } from 'vitest';
import { cameraListQuerySchema } from '../../../../contracts/src/camera';
import { ariaSort, initialListState, pageCount, shownRange, toQuery, withFilter, withPage, withPageSize, withSort, type CameraListState } from './camera-list-state';

const on = (patch: Partial<CameraListState>): CameraListState => ({ ...initialListState, ...patch });

describe('camera list state', () => {
  it('asks the gateway for the first page, in its default order, with nothing filtered', () => {
    expect(toQuery(initialListState)).toEqual({ limit: 50, offset: 0 });
  });

  it('turns filters, sort and page into a query the gateway accepts', () => {
    const s = on({ status: 'offline', category: 3, townshipId: '141130100', villageId: '141130100200', q: '  村口 ', sort: 'status', order: 'desc', page: 3, pageSize: 25 });
    const q = toQuery(s);
    expect(q).toEqual({ limit: 25, offset: 75, orgUnit: '141130100200', status: 'offline', category: 3, q: '村口', sort: 'status', order: 'desc' });
    // The same query as the URL carries it parses with the gateway's own schema.
    const url = Object.fromEntries(Object.entries(q).map(([k, v]) => [k, String(v)]));
    expect(cameraListQuerySchema.parse(url)).toMatchObject(q);
    expect(toQuery(on({ townshipId: '141130100' })).orgUnit).toBe('141130100');
    expect(toQuery(on({ q: 'x'.repeat(150) })).q).toHaveLength(100);
  });

  it('shows the first page again when a filter changes, and forgets the village of another township', () => {
    const s = on({ page: 4, townshipId: '141130100', villageId: '141130100200' });
    expect(withFilter(s, { status: 'online' })).toMatchObject({ page: 0, status: 'online', villageId: '141130100200' });
    expect(withFilter(s, { townshipId: '141130101' })).toMatchObject({ page: 0, townshipId: '141130101', villageId: '' });
  });

  it('sorts by a new column ascending and flips the order on a second click', () => {
    const a = withSort(on({ page: 2 }), 'name');
    expect(a).toMatchObject({ sort: 'name', order: 'asc', page: 0 });
    expect(ariaSort(a, 'name')).toBe('ascending');
    expect(ariaSort(a, 'host')).toBe('none');
    const b = withSort(a, 'name');
    expect(b).toMatchObject({ sort: 'name', order: 'desc' });
    expect(ariaSort(b, 'name')).toBe('descending');
    expect(withSort(b, 'host')).toMatchObject({ sort: 'host', order: 'asc' });
  });

  it('keeps the page within the list and the first row in view when the page size changes', () => {
    expect(pageCount(880, 50)).toBe(18);
    expect(pageCount(0, 50)).toBe(1);
    expect(withPage(initialListState, 99, 880).page).toBe(17);
    expect(withPage(initialListState, -1, 880).page).toBe(0);
    // Row 251 (page 5 of 50) is on page 2 of 100.
    expect(withPageSize(on({ page: 5 }), 100)).toMatchObject({ page: 2, pageSize: 100 });
    expect(shownRange(on({ page: 17 }), 880, 30)).toEqual({ first: 851, last: 880 });
    expect(shownRange(initialListState, 0, 0)).toEqual({ first: 0, last: 0 });
  });
});
