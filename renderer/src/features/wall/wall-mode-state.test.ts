import { describe, expect, it } from 'vitest';
import { parseRoute, wallHref } from '../../components/route';
import { cameraCell, readWallCommand, resolveWallTarget } from './wall-mode-state';

describe('wall route', () => {
  it('reads both URL forms', () => {
    expect(parseRoute('#/wall?wall=hall-1')).toEqual({ kind: 'wall', wallId: 'hall-1', layoutId: null, display: null });
    expect(parseRoute('#/wall?layout=abc-123&display=2')).toEqual({ kind: 'wall', wallId: null, layoutId: 'abc-123', display: 2 });
    expect(parseRoute('#/wall/?wall=w&layout=l')).toMatchObject({ wallId: 'w', layoutId: 'l' });
  });
  it('everything else is the console; bad ids are ignored', () => {
    expect(parseRoute('')).toEqual({ kind: 'console' });
    expect(parseRoute('#/map')).toEqual({ kind: 'console' });
    expect(parseRoute('#/wall?wall=../x&display=0')).toEqual({ kind: 'wall', wallId: null, layoutId: null, display: null });
    expect(parseRoute(wallHref('hall 1'))).toMatchObject({ wallId: null });
    expect(parseRoute(wallHref('hall-1'))).toMatchObject({ wallId: 'hall-1' });
  });
});

describe('resolveWallTarget', () => {
  const walls = [
    { id: 'hall-1', layoutId: 'L-hall' },
    { id: 'display-2', layoutId: 'L-old' },
  ];
  it('wall=<id>: that wall and its stored layout', () => {
    expect(resolveWallTarget({ wallId: 'hall-1', layoutId: null, display: null }, walls)).toEqual({ wallId: 'hall-1', layoutId: 'L-hall', register: false });
    expect(resolveWallTarget({ wallId: 'new', layoutId: null, display: null }, walls)).toEqual({ wallId: 'new', layoutId: null, register: false });
  });
  it('layout=<id>: wall display-<n>, starting with the assigned layout, registered when unknown', () => {
    expect(resolveWallTarget({ wallId: null, layoutId: 'L1', display: 3 }, [{ id: 'display-3', layoutId: null }])).toEqual({ wallId: 'display-3', layoutId: 'L1', register: false });
    expect(resolveWallTarget({ wallId: null, layoutId: 'L1', display: 3 }, walls)).toEqual({ wallId: 'display-3', layoutId: 'L1', register: true });
    expect(resolveWallTarget({ wallId: null, layoutId: null, display: null }, walls)).toEqual({ wallId: 'display-1', layoutId: null, register: true });
  });
  it('layout=<id> on a wall that was pushed to: the last push wins over the URL after a reload (issue 13)', () => {
    expect(resolveWallTarget({ wallId: null, layoutId: 'L1', display: 2 }, walls)).toEqual({ wallId: 'display-2', layoutId: 'L-old', register: false });
  });
  it('layout=<a wall id>: that wall', () => {
    expect(resolveWallTarget({ wallId: null, layoutId: 'hall-1', display: 1 }, walls)).toEqual({ wallId: 'hall-1', layoutId: 'L-hall', register: false });
  });
});

describe('wall commands', () => {
  it('reads the four commands and who pushed them', () => {
    expect(readWallCommand({ type: 'show-layout', layoutId: 'L1', by: '值班员' })).toEqual({ type: 'show-layout', layoutId: 'L1', by: '值班员' });
    expect(readWallCommand({ type: 'show-camera', cameraId: 'c1', cell: 3 })).toEqual({ type: 'show-camera', cameraId: 'c1', cell: 3, by: null });
    expect(readWallCommand({ type: 'show-camera', cameraId: 'c1', cell: 99 })).toEqual({ type: 'show-camera', cameraId: 'c1', by: null });
    expect(readWallCommand({ type: 'start-tour', tourId: 't1' })).toMatchObject({ type: 'start-tour', tourId: 't1' });
    expect(readWallCommand({ type: 'stop-tour' })).toMatchObject({ type: 'stop-tour' });
    const cells = [{ x: 0, y: 0, w: 1, h: 1, cameraId: 'c1' }];
    expect(readWallCommand({ type: 'show-cells', name: '四乘四', cols: 1, rows: 1, cells, by: '值班员' })).toEqual({ type: 'show-cells', name: '四乘四', cols: 1, rows: 1, cells, by: '值班员' });
    expect(readWallCommand({ type: 'show-cells', cols: 1, rows: 1, cells })).toMatchObject({ name: null });
    expect(readWallCommand({ type: 'show-cells', cols: 9, rows: 1, cells })).toBeNull();
    expect(readWallCommand({ type: 'reboot' })).toBeNull();
    expect(readWallCommand({ type: 'show-layout' })).toBeNull();
    expect(readWallCommand(null)).toBeNull();
  });

  it('show-camera: into a cell of the layout, else alone on the wall', () => {
    expect(cameraCell(2, 4)).toBe(2);
    expect(cameraCell(undefined, 4)).toBeNull();
    expect(cameraCell(7, 4)).toBeNull();
    expect(cameraCell(0, 0)).toBeNull();
  });
});

describe('desktop routes', () => {
  it('reads the alarm window and the identify overlay', () => {
    expect(parseRoute('#/alarm-window')).toEqual({ kind: 'alarm-window' });
    expect(parseRoute('#/identify?display=2')).toEqual({ kind: 'identify', display: 2 });
    expect(parseRoute('#/identify?display=x')).toEqual({ kind: 'identify', display: null });
  });
});
