import { describe, expect, it } from 'vitest';
import type { CameraDto } from '../../../../contracts/src/camera';
import type { OrgUnit } from '../../../../contracts/src/org-unit';
import { draftFromTour, draftToTour, resolveTourCameras, subtreeIds, togglePicked, togglePickedGroup } from './tour-cameras';

const unit = (id: string, parentId: string | null, level: OrgUnit['level']): OrgUnit => ({ id, name: id, nameEn: null, level, parentId, lat: null, lng: null, demo: true });
const cam = (id: string, orgUnitId: string, name = id) => ({ id, name, orgUnitId }) as CameraDto;

const units = [unit('141130', null, 'county'), unit('141130100', '141130', 'township'), unit('141130100001', '141130100', 'village'), unit('141130101', '141130', 'township')];
const cameras = [cam('a', '141130100001', '乙'), cam('b', '141130100', '甲'), cam('c', '141130101'), cam('d', '141130')];

describe('tour cameras', () => {
  it('an org unit means every camera under it, sorted by name', () => {
    expect([...subtreeIds('141130100', units)].sort()).toEqual(['141130100', '141130100001']);
    expect(resolveTourCameras({ cameraIds: [], orgUnitId: '141130100' }, cameras, units)).toEqual(['b', 'a']);
    expect(resolveTourCameras({ cameraIds: [], orgUnitId: '141130' }, cameras, units)).toHaveLength(4);
    expect(resolveTourCameras({ cameraIds: [], orgUnitId: null }, cameras, units)).toEqual([]);
  });

  it('named cameras keep their order; unknown or out-of-scope ones are skipped', () => {
    expect(resolveTourCameras({ cameraIds: ['c', 'zzz', 'a', 'c'], orgUnitId: null }, cameras, units)).toEqual(['c', 'a']);
  });

  it('checks a draft before the gateway would', () => {
    const base = { name: ' 夜间轮巡 ', dwellSec: '10', source: 'cameras' as const, cameraIds: ['a', 'a', 'b'], orgUnitId: null, shared: true };
    expect(draftToTour(base)).toEqual({ ok: true, tour: { name: '夜间轮巡', dwellSec: 10, cameraIds: ['a', 'b'], orgUnitId: null, visibility: 'everyone' } });
    expect(draftToTour({ ...base, name: ' ', dwellSec: 2, cameraIds: [] })).toEqual({ ok: false, problems: ['name', 'dwell', 'cameras'] });
    expect(draftToTour({ ...base, dwellSec: '3601' })).toMatchObject({ ok: false, problems: ['dwell'] });
    expect(draftToTour({ ...base, dwellSec: 2.5 })).toMatchObject({ ok: false });
    expect(draftToTour({ ...base, source: 'org', orgUnitId: null })).toMatchObject({ ok: false, problems: ['org'] });
    expect(draftToTour({ ...base, source: 'org', orgUnitId: '141130100', shared: false })).toEqual({
      ok: true,
      tour: { name: '夜间轮巡', dwellSec: 10, cameraIds: [], orgUnitId: '141130100', visibility: 'private' },
    });
  });

  it('edits a tour as a draft', () => {
    expect(draftFromTour(null, { cameraIds: ['x'] })).toMatchObject({ source: 'cameras', cameraIds: ['x'], dwellSec: 10 });
    const tour = { id: 't', ownerId: 'u', ownerOrgUnitId: null, createdAt: '', updatedAt: '', name: 'n', dwellSec: 30, cameraIds: [], orgUnitId: '141130', visibility: 'everyone' as const };
    expect(draftFromTour(tour, { cameraIds: [] })).toMatchObject({ source: 'org', orgUnitId: '141130', shared: true });
  });

  it('picks cameras one by one or a whole node', () => {
    expect(togglePicked(['a'], 'b')).toEqual(['a', 'b']);
    expect(togglePicked(['a', 'b'], 'a')).toEqual(['b']);
    expect(togglePickedGroup(['x', 'a'], ['a', 'b'])).toEqual(['x', 'a', 'b']);
    expect(togglePickedGroup(['x', 'a', 'b'], ['a', 'b'])).toEqual(['x']);
  });
});
