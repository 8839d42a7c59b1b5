// GET /api/v1/cameras at scale, on a real SQLite file through the access guard: pages that tile the whole list,
// whitelisted sort columns, filters (status, category, org subtree, text), township scope on every query, and
// 400s naming the field. Existing callers (no sort) keep the org unit, name, id order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CameraDto } from '../../../contracts/src/camera';
import { cameraCountyFixture, ORG, TOKENS, type CameraCountyFixture } from './testing/camera-county-fixture';

interface Page {
  items: CameraDto[];
  total: number;
}

async function listPage(f: CameraCountyFixture, qs: string, token?: string): Promise<Page> {
  const res = await f.get(`/api/v1/cameras?${qs}`, token);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Page>();
}

const ORGS = [ORG.t1, ORG.t1v1, ORG.t2, ORG.t2v1];
const inT1 = (c: CameraDto) => c.orgUnitId === ORG.t1 || c.orgUnitId === ORG.t1v1;
const N = 24;
const idOf = (i: number) => `cam-${String(i).padStart(2, '0')}`;
// Names run against the id order, so a sort by name is visible.
const nameOf = (i: number) => `点位${String(N - i).padStart(2, '0')}`;
const statusOf = (i: number) => (i % 5 === 0 ? 'offline' : i % 5 === 1 ? 'unknown' : 'online');

describe('camera list: paging, sort, filters, scope (SQLite file)', () => {
  let f: CameraCountyFixture;
  const page = (qs: string, token?: string) => listPage(f, qs, token);
  const ids = (p: Page) => p.items.map((c) => c.id);

  beforeAll(async () => {
    f = await cameraCountyFixture();
    for (let i = 0; i < N; i++) {
      f.addCamera({ id: idOf(i), name: nameOf(i), orgUnitId: ORGS[i % 4]!, category: i % 3 === 0 ? 1 : 3, host: `10.0.${i % 4}.${i + 1}`, deviceCode: `1411300000132000${String(i).padStart(4, '0')}`, passwordEnc: 'secret-cipher-text' });
      const s = statusOf(i);
      if (s === 'online') f.status.record(idOf(i), 'online', null);
      if (s === 'offline') f.status.record(idOf(i), 'offline', { code: 'timeout', text: 'timeout' });
    }
  });
  afterAll(() => f?.close());

  it('pages of a sorted list tile it exactly, each with the total', async () => {
    const seen: string[] = [];
    for (let offset = 0; offset < N; offset += 10) {
      const p = await page(`sort=name&limit=10&offset=${offset}`);
      expect(p.total).toBe(N);
      seen.push(...ids(p));
    }
    expect(seen).toHaveLength(N);
    expect(new Set(seen).size).toBe(N);
    // Names descend as ids ascend: sorted by name, the ids come out reversed.
    expect(seen).toEqual(Array.from({ length: N }, (_, i) => idOf(N - 1 - i)));
  });

  it('sorts by each column both ways, ties broken by id', async () => {
    const desc = await page('sort=name&order=desc&limit=3');
    expect(desc.items.map((c) => c.name)).toEqual([nameOf(0), nameOf(1), nameOf(2)]);
    const byStatus = ids(await page('sort=status&limit=100'));
    const statuses = byStatus.map((id) => statusOf(Number(id.slice(4))));
    expect(statuses.indexOf('unknown')).toBe(statuses.lastIndexOf('offline') + 1);
    expect(statuses.indexOf('online')).toBe(statuses.lastIndexOf('unknown') + 1);
    const byCategory = (await page('sort=category&order=desc&limit=100')).items;
    expect(byCategory.map((c) => c.category)).toEqual([...byCategory.map((c) => c.category)].sort().reverse());
    const byOrg = (await page('sort=orgUnit&limit=100')).items.map((c) => c.orgUnitId);
    expect(byOrg).toEqual([...byOrg].sort());
  });

  it('filters by status, category, org subtree and text, and counts what matched', async () => {
    const offline = await page('status=offline');
    expect(offline.total).toBe(5);
    expect(offline.items.every((c) => c.status === 'offline')).toBe(true);
    expect((await page('category=1')).total).toBe(8);
    // A township includes its villages.
    const t1 = await page(`orgUnit=${ORG.t1}&limit=100`);
    expect(new Set(t1.items.map((c) => c.orgUnitId))).toEqual(new Set([ORG.t1, ORG.t1v1]));
    expect(t1.total).toBe(12);
    expect((await page(`orgUnit=${ORG.t1v1}`)).total).toBe(6);
    expect(ids(await page(`q=${encodeURIComponent(nameOf(7))}`))).toEqual([idOf(7)]);
    expect(ids(await page('q=cam-13'))).toEqual([idOf(13)]);
    expect(ids(await page('q=10.0.2.23'))).toEqual([idOf(22)]);
    expect(ids(await page('q=0000132000' + '0005'))).toEqual([idOf(5)]);
    const combined = await page(`orgUnit=${ORG.t2}&status=online&category=3&sort=name&limit=2`);
    expect(combined.items.every((c) => !inT1(c) && c.status === 'online' && c.category === 3)).toBe(true);
    expect(combined.total).toBeGreaterThan(combined.items.length);
  });

  it('never matches the password column', async () => {
    expect((await page('q=secret')).total).toBe(0);
    expect((await page('q=cipher')).total).toBe(0);
  });

  it('keeps a township officer to their township on every query', async () => {
    const all = await page('limit=100', TOKENS.officerT1);
    expect(all.total).toBe(12);
    expect(all.items.every(inT1)).toBe(true);
    expect((await page('status=offline&sort=host', TOKENS.officerT1)).items.every(inT1)).toBe(true);
    // Searching another township's camera by name finds nothing; asking for that township is refused.
    expect((await page(`q=${encodeURIComponent(nameOf(2))}`, TOKENS.officerT1)).total).toBe(0);
    expect((await f.get(`/api/v1/cameras?orgUnit=${ORG.t2}`, TOKENS.officerT1)).statusCode).toBe(403);
    // The county (an ancestor) narrows to their own township.
    expect((await page(`orgUnit=${ORG.c}`, TOKENS.officerT1)).total).toBe(12);
  });

  it('answers 400 naming the field for a bad value', async () => {
    for (const [qs, field] of [
      ['sort=password', 'query.sort'],
      ['order=up', 'query.order'],
      ['status=broken', 'query.status'],
      ['category=7', 'query.category'],
      ['limit=0', 'query.limit'],
      ['offset=-1', 'query.offset'],
      ['page=2', 'query'],
    ] as const) {
      const res = await f.get(`/api/v1/cameras?${qs}`);
      expect(res.statusCode, qs).toBe(400);
      expect(res.json<{ message: string }>().message, qs).toContain(field);
    }
  });

  it('without sort keeps the order existing callers rely on (org unit, name, id)', async () => {
    const p = await page('limit=2000');
    expect(p.total).toBe(N);
    const key = (c: CameraDto) => `${c.orgUnitId}\u0000${c.name}\u0000${c.id}`;
    expect(p.items.map(key)).toEqual(p.items.map(key).sort());
  });
});

describe('camera list with the full demo county (880 cameras)', () => {
  let f: CameraCountyFixture;
  const page = (qs: string, token?: string) => listPage(f, qs, token);
  beforeAll(async () => {
    f = await cameraCountyFixture({ demoCounty: true });
  });
  afterAll(() => f?.close());

  it('pages through every camera once, and each township with its villages adds up to the county', async () => {
    const seen = new Set<string>();
    for (let offset = 0; offset < 880; offset += 200) {
      const p = await page(`sort=name&limit=200&offset=${offset}`);
      expect(p.total).toBe(880);
      for (const c of p.items) seen.add(c.id);
    }
    expect(seen.size).toBe(880);
    const townships = f.repos.orgUnits.list().filter((u) => u.level === 'township');
    expect(townships).toHaveLength(7);
    let sum = 0;
    for (const t of townships) sum += (await page(`orgUnit=${t.id}&limit=1`)).total;
    expect(sum).toBe(880);
    // About 200 category-1 points, the rest category 3 (DOMAIN.md).
    const cat1 = (await page('category=1&limit=1')).total;
    expect(cat1 + (await page('category=3&limit=1')).total).toBe(880);
    expect(cat1).toBeGreaterThan(150);
  });

  it("a township officer's list, filters and search stay inside their township", async () => {
    const own = await page(`orgUnit=${ORG.t1}&limit=1`);
    const mine = await page('sort=name&limit=2000', TOKENS.officerT1);
    expect(mine.total).toBe(own.total);
    expect(mine.items).toHaveLength(own.total);
    const shuitou = new Set(f.repos.orgUnits.subtreeIds(ORG.t1));
    expect(mine.items.every((c) => shuitou.has(c.orgUnitId))).toBe(true);
    // Another township's name as the search text finds nothing for them.
    expect((await page(`q=${encodeURIComponent('康城镇')}`, TOKENS.officerT1)).total).toBe(0);
    expect((await page(`q=${encodeURIComponent('康城镇')}`)).total).toBeGreaterThan(0);
  });
});
