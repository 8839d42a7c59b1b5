import { describe, expect, it, vi } from 'vitest';
import type { CameraDto } from '../../../../contracts/src/camera';
import { cameraPoints, pruneOverrides, roundCoord } from './camera-positions';
import { createMapApi, readMapConfig } from './map-api';
import { GRID_SIZES } from '../wall';
import { applyWallPlan, gridForCount, planWall, WALL_MAX_CAMERAS } from './send-to-wall';

const cam = (id: string, lat: number | null, lng: number | null) => ({ id, name: id, orgUnitId: '141130100', status: 'online', lat, lng, direction: 90 }) as CameraDto;

describe('camera positions', () => {
  it('draws located cameras and counts the rest as unplaced; a local override wins', () => {
    const { points, unplaced } = cameraPoints([cam('a', 37, 111), cam('b', null, null), cam('c', 36.9, 111.1)], new Map([['c', { lat: 36.95, lng: 111.15 }]]));
    expect(points.map((p) => [p.id, p.lat, p.lng])).toEqual([
      ['a', 37, 111],
      ['c', 36.95, 111.15],
    ]);
    expect(unplaced).toBe(1);
  });
  it('drops an override once the inventory reports it, or the camera is gone', () => {
    const overrides = new Map([
      ['a', { lat: 37, lng: 111 }],
      ['b', { lat: 1, lng: 2 }],
      ['gone', { lat: 1, lng: 2 }],
    ]);
    const next = pruneOverrides(overrides, new Map([['a', cam('a', 37, 111)], ['b', cam('b', 0, 0)]]));
    expect([...next.keys()]).toEqual(['b']);
    const same = new Map([['b', { lat: 1, lng: 2 }]]);
    expect(pruneOverrides(same, new Map([['b', cam('b', 0, 0)]]))).toBe(same);
    expect(roundCoord(36.98123456)).toBe(36.981235);
  });
});

describe('send to wall', () => {
  it('picks the smallest square grid that fits, capped at the largest', () => {
    expect([1, 2, 4, 5, 9, 10, 16].map(gridForCount)).toEqual([1, 4, 4, 9, 9, 16, 16]);
    expect(WALL_MAX_CAMERAS).toBe(GRID_SIZES[GRID_SIZES.length - 1]);
    expect(gridForCount(WALL_MAX_CAMERAS + 5)).toBe(WALL_MAX_CAMERAS);
    const plan = planWall(Array.from({ length: WALL_MAX_CAMERAS + 4 }, (_, i) => `c${i}`));
    expect(plan).toMatchObject({ grid: WALL_MAX_CAMERAS, dropped: 4 });
    expect(plan.cameraIds).toHaveLength(WALL_MAX_CAMERAS);
    expect(planWall(['a', 'a', 'b'])).toEqual({ grid: 4, cameraIds: ['a', 'b'], dropped: 0 });
  });
  it('sets the grid, places the cameras in order and clears the remaining tiles', () => {
    const wall = { setGrid: vi.fn(), drop: vi.fn(), clear: vi.fn() };
    applyWallPlan(wall, planWall(['a', 'b', 'c']));
    expect(wall.setGrid).toHaveBeenCalledWith(4);
    expect(wall.drop.mock.calls).toEqual([
      [0, { kind: 'place', cameraId: 'a' }],
      [1, { kind: 'place', cameraId: 'b' }],
      [2, { kind: 'place', cameraId: 'c' }],
    ]);
    expect(wall.clear.mock.calls).toEqual([[3]]);
  });
});

describe('map api', () => {
  it('reads the client config defensively', () => {
    expect(readMapConfig({ map: { tileUrl: null, attribution: '', maxZoom: 18, baseLayerUrl: '/api/v1/map/base-layer' } })).toEqual({ tileUrl: null, attribution: null, maxZoom: 18, baseLayerUrl: '/api/v1/map/base-layer' });
    const c = readMapConfig({ map: { tileUrl: 'https://gis.county.local/{z}/{x}/{y}.png', attribution: ' 县自然资源局 ', maxZoom: 99, baseLayerUrl: 'https://evil/x' } });
    expect(c).toEqual({ tileUrl: 'https://gis.county.local/{z}/{x}/{y}.png', attribution: '县自然资源局', maxZoom: 18, baseLayerUrl: '/api/v1/map/base-layer' });
    expect(readMapConfig({ map: { tileUrl: 'javascript:alert(1)//{z}{x}{y}' } }).tileUrl).toBeNull();
    expect(readMapConfig(null).tileUrl).toBeNull();
  });
  it('PATCHes only lat/lng and carries the gateway message on errors', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ error: 'forbidden', message: 'role viewer lacks permission camera.write' }), { status: 403 }));
    const api = createMapApi(fetch);
    await expect(api.moveCamera('c 1', 37, 111)).rejects.toMatchObject({ status: 403, message: 'role viewer lacks permission camera.write' });
    expect(fetch).toHaveBeenCalledWith('/api/v1/cameras/c%201', expect.objectContaining({ method: 'PATCH', body: '{"lat":37,"lng":111}', credentials: 'same-origin' }));
  });
});
