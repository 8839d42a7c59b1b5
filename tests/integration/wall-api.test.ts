import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { presetCells } from '../../contracts/src/layout';
import { startHarness, type Harness } from '../helpers/gateway-harness';
import { until, waitForSegments } from '../helpers/media-probe';

describe('layouts, tours, walls and viewing records', () => {
  let h: Harness;
  let officer = '';
  beforeAll(async () => {
    h = await startHarness({ cameras: 2, streams: { idleStopSec: 3 } });
    await h.api('POST', '/api/v1/users', { username: 'duty1', displayName: 'duty1', password: 'duty1-password', role: 'township-officer', orgUnitId: '141130100' }, h.adminToken);
    officer = (await h.api<{ token: string }>('POST', '/api/v1/session', { username: 'duty1', password: 'duty1-password' })).body.token;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('saves, renames, shares and deletes named layouts', async () => {
    const cells = presetCells(3);
    cells[2]!.cameraId = h.cameraIds.get(1)!;
    const created = await h.api<{ id: string; name: string; cells: Array<{ cameraId: string | null }> }>('POST', '/api/v1/layouts', { name: '九宫格', cols: 3, rows: 3, cells }, officer);
    expect(created.status).toBe(201);
    expect(created.body.cells[2]!.cameraId).toBe(h.cameraIds.get(1));
    // Private: the admin does not see it, the owner does.
    expect((await h.api<{ items: unknown[] }>('GET', '/api/v1/layouts', undefined, h.adminToken)).body.items).toHaveLength(0);
    expect((await h.api<{ items: unknown[] }>('GET', '/api/v1/layouts', undefined, officer)).body.items).toHaveLength(1);
    expect((await h.api('PATCH', `/api/v1/layouts/${created.body.id}`, { name: '水头镇 九宫格' }, officer)).status).toBe(200);
    expect((await h.api('PATCH', `/api/v1/layouts/${created.body.id}`, { visibility: 'everyone' }, officer)).status).toBe(403); // officers cannot share
    expect((await h.api('PATCH', `/api/v1/layouts/${created.body.id}`, { cols: 2 }, officer)).status).toBe(400); // cells would fall outside
    const shared = await h.api<{ id: string }>('POST', '/api/v1/layouts', { name: '全县 1+5', cols: 3, rows: 3, cells: presetCells(3), visibility: 'everyone' }, h.adminToken);
    expect((await h.api<{ items: Array<{ name: string }> }>('GET', '/api/v1/layouts', undefined, officer)).body.items.map((l) => l.name).sort()).toEqual(['全县 1+5', '水头镇 九宫格']);
    expect((await h.api('DELETE', `/api/v1/layouts/${shared.body.id}`, undefined, officer)).status).toBe(403);
    expect((await h.api('DELETE', `/api/v1/layouts/${created.body.id}`, undefined, officer)).status).toBe(204);
  });

  it('stores tours', async () => {
    const tour = await h.api<{ id: string; dwellSec: number }>('POST', '/api/v1/tours', { name: '夜间轮巡', dwellSec: 10, cameraIds: [...h.cameraIds.values()] }, h.adminToken);
    expect(tour.status).toBe(201);
    expect((await h.api('POST', '/api/v1/tours', { name: 'empty', dwellSec: 10 }, h.adminToken)).status).toBe(400);
    expect((await h.api('POST', '/api/v1/tours', { name: 'fast', dwellSec: 1, cameraIds: ['x'] }, h.adminToken)).status).toBe(400);
  });

  it('pushes a layout to a wall through the gateway; the wall remembers it', async () => {
    const layout = await h.api<{ id: string }>('POST', '/api/v1/layouts', { name: 'wall', cols: 2, rows: 2, cells: presetCells(2), visibility: 'everyone' }, h.adminToken);
    const ws = new WebSocket(`${h.gw.url.replace(/^http/, 'ws')}/api/v1/ws`, { headers: { authorization: `Bearer ${officer}` } });
    const got: Array<{ type: string; topic?: string; data?: { type: string; layoutId?: string } }> = [];
    ws.on('message', (m) => got.push(JSON.parse(m.toString())));
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ type: 'subscribe', topics: ['wall:hall-1'] }));
    await until(async () => got.some((m) => m.type === 'hello'), 3000, 'hello');
    expect((await h.api('POST', '/api/v1/walls/hall-1/commands', { type: 'show-layout', layoutId: layout.body.id }, officer)).status).toBe(403); // officers do not drive the county wall
    expect((await h.api('POST', '/api/v1/walls/hall-1/commands', { type: 'show-layout', layoutId: layout.body.id }, h.adminToken)).status).toBe(202);
    await until(async () => got.some((m) => m.topic === 'wall:hall-1' && m.data?.layoutId === layout.body.id), 3000, 'wall command');
    expect((await h.api<{ items: Array<{ id: string; layoutId: string }> }>('GET', '/api/v1/walls', undefined, officer)).body.items).toEqual([expect.objectContaining({ id: 'hall-1', layoutId: layout.body.id })]);
    expect((await h.api('POST', '/api/v1/walls/../x/commands', { type: 'stop-tour' }, h.adminToken)).status).toBe(404);
    // A wall page (any user who may watch) loads the stored layout, with its cells, at start.
    const state = await h.api<{ layout: { id: string; cells: unknown[] } }>('GET', '/api/v1/walls/hall-1/state', undefined, officer);
    expect(state.body.layout.id).toBe(layout.body.id);
    expect(state.body.layout.cells).toHaveLength(4);
    expect(got.find((m) => m.topic === 'wall:hall-1')?.data).toHaveProperty('layout');
    ws.close();
  });

  it('a push of the on-screen cells leaves the saved layout byte-identical; the wall receives and remembers the cells', async () => {
    const cam = h.cameraIds.get(1)!;
    const saved16 = presetCells(4).map((c, i) => (i === 0 ? { ...c, cameraId: cam } : c));
    const layout = await h.api<{ id: string }>('POST', '/api/v1/layouts', { name: '四乘四', cols: 4, rows: 4, cells: saved16 }, h.adminToken);
    const row = () => JSON.stringify(h.gw.db.prepare('SELECT * FROM layouts WHERE id = ?').get(layout.body.id));
    const layoutCount = () => (h.gw.db.prepare('SELECT COUNT(*) AS n FROM layouts').get() as { n: number }).n;
    const before = row();
    const countBefore = layoutCount();
    const ws = new WebSocket(`${h.gw.url.replace(/^http/, 'ws')}/api/v1/ws`, { headers: { authorization: `Bearer ${h.adminToken}` } });
    const got: Array<{ type: string; topic?: string; data?: { type: string; cells?: Array<{ cameraId: string | null }> } }> = [];
    ws.on('message', (m) => got.push(JSON.parse(m.toString())));
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ type: 'subscribe', topics: ['wall:hall-main'] }));
    await until(async () => got.some((m) => m.type === 'hello'), 3000, 'hello');
    // The operator switched the saved 4x4 to four tiles on screen (unsaved) and pushes what is on screen.
    const onScreen = presetCells(2).map((c, i) => (i === 0 ? { ...c, cameraId: cam } : c));
    const push = await h.api('POST', '/api/v1/walls/hall-main/commands', { type: 'show-cells', name: '四乘四', cols: 2, rows: 2, cells: onScreen }, h.adminToken);
    expect(push.status).toBe(202);
    await until(async () => got.some((m) => m.topic === 'wall:hall-main' && m.data?.type === 'show-cells'), 3000, 'show-cells on the wall topic');
    expect(got.find((m) => m.topic === 'wall:hall-main')!.data!.cells!.map((c) => c.cameraId)).toEqual([cam, null, null, null]);
    expect(row()).toBe(before);
    expect(layoutCount()).toBe(countBefore);
    // A wall page that (re)loads shows the pushed cells, not a saved layout.
    const state = await h.api<{ wall: { layoutId: string | null; cells: { cols: number; cells: unknown[] } | null }; layout: unknown }>('GET', '/api/v1/walls/hall-main/state', undefined, h.adminToken);
    expect(state.body.layout).toBeNull();
    expect(state.body.wall.layoutId).toBeNull();
    expect(state.body.wall.cells).toMatchObject({ name: '四乘四', cols: 2 });
    expect(state.body.wall.cells!.cells).toHaveLength(4);
    // Overlapping cells are refused, naming the field, and change nothing.
    const bad = await h.api<{ message: string }>('POST', '/api/v1/walls/hall-main/commands', { type: 'show-cells', cols: 1, rows: 1, cells: [presetCells(1)[0], presetCells(1)[0]] }, h.adminToken);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('body.cells.1');
    // Showing a saved layout again replaces the pushed cells.
    expect((await h.api('POST', '/api/v1/walls/hall-main/commands', { type: 'show-layout', layoutId: layout.body.id }, h.adminToken)).status).toBe(202);
    expect((await h.api<{ wall: { cells: unknown } }>('GET', '/api/v1/walls/hall-main/state', undefined, h.adminToken)).body.wall.cells).toBeNull();
    expect(row()).toBe(before);
    ws.close();
  });

  it('records viewing and reports the cameras nobody looked at', async () => {
    const from = new Date(Date.now() - 1000).toISOString();
    const watched = h.cameraIds.get(1)!;
    await waitForSegments(await h.liveUrl(watched), 1);
    // The viewer stops asking: after the viewer window its viewing is closed.
    await until(async () => (h.gw.db.prepare('SELECT COUNT(*) AS n FROM view_sessions WHERE camera_id = ? AND ended_at IS NOT NULL').get(watched) as { n: number }).n > 0, 20_000, 'view session closed');
    const to = new Date(Date.now() + 1000).toISOString();
    const report = await h.api<{ items: Array<{ cameraId: string; seconds: number }>; unviewed: string[] }>('GET', `/api/v1/reports/camera-views?from=${from}&to=${to}`, undefined, h.adminToken);
    expect(report.status).toBe(200);
    expect(report.body.unviewed).toEqual([h.cameraIds.get(2)]);
    expect(report.body.items.find((i) => i.cameraId === watched)!.seconds).toBeGreaterThan(0);
    expect(h.gw.repos.audit.recent(50, { action: 'live.view-start' }).some((a) => a.targetId === watched)).toBe(true);
    expect((await h.api('GET', `/api/v1/reports/camera-views?from=${to}&to=${from}`, undefined, h.adminToken)).status).toBe(400);
  });

  it('serves the client config and the offline base map drawn from the org tree', async () => {
    const cfg = await h.api<{ map: { tileUrl: string | null; baseLayerUrl: string } }>('GET', '/api/v1/client-config', undefined, officer);
    expect(cfg.body.map).toMatchObject({ tileUrl: null, baseLayerUrl: '/api/v1/map/base-layer' });
    const base = await h.api<{ type: string; features: Array<{ properties: { kind: string; demo: boolean } }> }>('GET', '/api/v1/map/base-layer', undefined, officer);
    expect(base.body.type).toBe('FeatureCollection');
    expect(base.body.features.filter((f) => f.properties.kind === 'township')).toHaveLength(7);
    expect((await h.api('GET', '/api/v1/map/base-layer')).status).toBe(401);
  });
});
