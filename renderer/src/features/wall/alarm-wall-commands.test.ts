import { describe, expect, it } from 'vitest';
import { layoutCameras, readWallCommand, releaseHold } from './wall-mode-state';

describe('alarm-driven wall commands', () => {
  const layout = { id: 'L1', name: '预案', cols: 2, rows: 2, cells: [{ x: 0, y: 0, w: 1, h: 1, cameraId: 'c1' }, { x: 1, y: 0, w: 1, h: 1, cameraId: null }, { x: 0, y: 1, w: 1, h: 1, cameraId: 'c2' }, { x: 1, y: 1, w: 1, h: 1, cameraId: 'c1' }], visibility: 'everyone' };

  it('show-layout carries the layout and the alarm that holds the tour', () => {
    const cmd = readWallCommand({ type: 'show-layout', layoutId: 'L1', layout, by: 'alarm', alarmId: 'a1', interruptTour: true });
    expect(cmd).toMatchObject({ type: 'show-layout', layoutId: 'L1', alarmId: 'a1', interruptTour: true });
    expect(cmd && 'layout' in cmd && cmd.layout?.id).toBe('L1');
    // A carried layout for another id is not trusted.
    expect(readWallCommand({ type: 'show-layout', layoutId: 'L2', layout })).not.toHaveProperty('layout');
  });

  it('show-camera from a rule, start-tour with its tour', () => {
    expect(readWallCommand({ type: 'show-camera', cameraId: 'c1', cell: 0, by: 'alarm', alarmId: 'a1', interruptTour: false })).toEqual({ type: 'show-camera', cameraId: 'c1', cell: 0, by: 'alarm', alarmId: 'a1', interruptTour: false });
    const tour = { id: 't1', name: 'T', dwellSec: 10, cameraIds: ['c1'], orgUnitId: null, visibility: 'everyone' };
    expect(readWallCommand({ type: 'start-tour', tourId: 't1', tour })).toMatchObject({ tour: { id: 't1' } });
    expect(readWallCommand({ type: 'start-tour', tourId: 't1', tour: { id: 't1' } })).not.toHaveProperty('tour');
  });

  it('the tour resumes when the last holding alarm is no longer new', () => {
    let holds: ReadonlySet<string> = new Set(['a1', 'a2']);
    let r = releaseHold(holds, { id: 'a1', state: 'new' });
    expect(r.resume).toBe(false);
    r = releaseHold(holds, { id: 'a1', state: 'acknowledged' });
    holds = r.holds;
    expect(r.resume).toBe(false);
    expect(releaseHold(holds, { id: 'zz', state: 'acknowledged' }).resume).toBe(false);
    expect(releaseHold(holds, { id: 'a2', state: 'dismissed' })).toEqual({ holds: new Set(), resume: true });
  });

  it('a layout’s cameras in cell order, once each', () => {
    expect(layoutCameras(layout)).toEqual(['c1', 'c2']);
    expect(layoutCameras(undefined)).toEqual([]);
  });
});
