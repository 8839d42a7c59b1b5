import { describe, expect, it } from 'vitest';
import type { WallConfig } from '../../../contracts/src/desktop-ipc';
import { displayKey, type DisplayDescriptor } from './display-mapping';
import { diffWalls, planWalls, resolveOperatorDisplay, wallUrl } from './wall-manager';

const d = (id: number, x: number, y: number, primary = false, width = 1920, height = 1080): DisplayDescriptor => ({ id, bounds: { x, y, width, height }, primary });
const key = (display: DisplayDescriptor) => displayKey(display.bounds);

// Operator monitor on the left (primary), wall monitors to its right.
const operator = d(1, 0, 0, true);
const wallA = d(2, 1920, 0);
const wallB = d(3, 3840, 0);

describe('planWalls', () => {
  it('two displays: one wall on the non-operator display', () => {
    const config: WallConfig = { assignments: [{ displayKey: key(wallA), layoutId: 'county-overview' }], openOnStart: true };
    const plan = planWalls({ displays: [operator, wallA], config, operatorDisplayKey: null, active: true });
    expect(plan.operatorDisplayId).toBe(1);
    expect(plan.walls).toEqual([{ displayKey: '1920,0,1920x1080', displayId: 2, displayNumber: 2, bounds: wallA.bounds, layoutId: 'county-overview' }]);
    expect(plan.skipped).toEqual([]);
  });

  it('three displays: a wall on each assigned display with its own layout and row-major number', () => {
    const config: WallConfig = {
      assignments: [
        { displayKey: key(wallB), layoutId: 'township-east' },
        { displayKey: key(wallA), layoutId: 'county-overview' },
      ],
      openOnStart: false,
    };
    const plan = planWalls({ displays: [wallB, operator, wallA], config, operatorDisplayKey: key(operator), active: true });
    expect(plan.walls.map((w) => [w.displayId, w.displayNumber, w.layoutId])).toEqual([
      [3, 3, 'township-east'],
      [2, 2, 'county-overview'],
    ]);
  });

  it('nothing while wall mode is off', () => {
    const config: WallConfig = { assignments: [{ displayKey: key(wallA), layoutId: 'x' }], openOnStart: false };
    expect(planWalls({ displays: [operator, wallA], config, operatorDisplayKey: null, active: false }).walls).toEqual([]);
  });

  it('a removed display is skipped, the other walls stay', () => {
    const config: WallConfig = {
      assignments: [
        { displayKey: key(wallA), layoutId: 'a' },
        { displayKey: key(wallB), layoutId: 'b' },
      ],
      openOnStart: true,
    };
    const plan = planWalls({ displays: [operator, wallA], config, operatorDisplayKey: null, active: true });
    expect(plan.walls.map((w) => w.layoutId)).toEqual(['a']);
    expect(plan.skipped).toEqual([{ displayKey: key(wallB), layoutId: 'b', reason: 'display-missing' }]);
  });

  it('never puts a wall on the operator display unless the assignment asks for it', () => {
    const onOperator = { displayKey: key(operator), layoutId: 'ops' };
    const config: WallConfig = { assignments: [onOperator, { displayKey: key(wallA), layoutId: 'a' }], openOnStart: true };
    const plan = planWalls({ displays: [operator, wallA], config, operatorDisplayKey: null, active: true });
    expect(plan.walls.map((w) => w.displayId)).toEqual([2]);
    expect(plan.skipped).toEqual([{ displayKey: key(operator), layoutId: 'ops', reason: 'operator-display' }]);

    const asked: WallConfig = { ...config, assignments: [{ ...onOperator, allowOnOperatorDisplay: true }] };
    expect(planWalls({ displays: [operator, wallA], config: asked, operatorDisplayKey: null, active: true }).walls.map((w) => w.displayId)).toEqual([1]);
  });

  it('the operator display is the saved one, not necessarily the primary', () => {
    // The operator moved the console to the right-hand monitor: that one is protected now, the primary is free.
    const config: WallConfig = {
      assignments: [
        { displayKey: key(operator), layoutId: 'left' },
        { displayKey: key(wallB), layoutId: 'right' },
      ],
      openOnStart: true,
    };
    const plan = planWalls({ displays: [operator, wallA, wallB], config, operatorDisplayKey: key(wallB), active: true });
    expect(plan.operatorDisplayId).toBe(3);
    expect(plan.walls.map((w) => w.layoutId)).toEqual(['left']);
    expect(plan.skipped.map((s) => s.reason)).toEqual(['operator-display']);
  });

  it('falls back to the primary display when the saved operator display is gone', () => {
    expect(resolveOperatorDisplay([operator, wallA], '9999,0,1920x1080')?.id).toBe(1);
    expect(resolveOperatorDisplay([], null)).toBeNull();
  });

  it('one wall per display: a repeated display key is reported, not opened twice', () => {
    const config: WallConfig = {
      assignments: [
        { displayKey: key(wallA), layoutId: 'first' },
        { displayKey: key(wallA), layoutId: 'second' },
      ],
      openOnStart: true,
    };
    const plan = planWalls({ displays: [operator, wallA], config, operatorDisplayKey: null, active: true });
    expect(plan.walls.map((w) => w.layoutId)).toEqual(['first']);
    expect(plan.skipped).toEqual([{ displayKey: key(wallA), layoutId: 'second', reason: 'duplicate-display' }]);
  });
});

describe('diffWalls', () => {
  const config: WallConfig = {
    assignments: [
      { displayKey: key(wallA), layoutId: 'a' },
      { displayKey: key(wallB), layoutId: 'b' },
    ],
    openOnStart: true,
  };
  const all = planWalls({ displays: [operator, wallA, wallB], config, operatorDisplayKey: null, active: true });

  it('opens everything from nothing, closes everything when wall mode goes off', () => {
    expect(diffWalls([], all).map((a) => a.kind)).toEqual(['open', 'open']);
    const off = planWalls({ displays: [operator, wallA, wallB], config, operatorDisplayKey: null, active: false });
    expect(diffWalls(all.walls, off)).toEqual([
      { kind: 'close', displayKey: key(wallA) },
      { kind: 'close', displayKey: key(wallB) },
    ]);
  });

  it('display removed: closes that wall only; display back: opens it again', () => {
    const without = planWalls({ displays: [operator, wallA], config, operatorDisplayKey: null, active: true });
    expect(diffWalls(all.walls, without)).toEqual([{ kind: 'close', displayKey: key(wallB) }]);
    const back = planWalls({ displays: [operator, { ...wallB, id: 77 }, wallA], config, operatorDisplayKey: null, active: true });
    const actions = diffWalls(without.walls, back);
    expect(actions).toEqual([{ kind: 'open', wall: expect.objectContaining({ displayKey: key(wallB), displayId: 77, layoutId: 'b' }) }]);
  });

  it('nothing to do when nothing changed, even if Electron renumbered the display ids', () => {
    expect(diffWalls(all.walls, all)).toEqual([]);
  });

  it('a new layout reloads, a new position moves', () => {
    const relaid = planWalls({ displays: [operator, wallA, wallB], config: { ...config, assignments: [{ displayKey: key(wallA), layoutId: 'a2' }, config.assignments[1]!] }, operatorDisplayKey: null, active: true });
    expect(diffWalls(all.walls, relaid)).toEqual([{ kind: 'update', wall: expect.objectContaining({ layoutId: 'a2' }), move: false, reload: true }]);
    // wallB's monitor switched to 1280x1024 at the same place: same wall, new bounds.
    const resized = planWalls({ displays: [operator, wallA, d(3, 3840, 0, false, 1280, 1024)], config, operatorDisplayKey: null, active: true });
    expect(diffWalls(all.walls, resized)).toEqual([{ kind: 'update', wall: expect.objectContaining({ displayKey: key(wallB), bounds: { x: 3840, y: 0, width: 1280, height: 1024 } }), move: true, reload: false }]);
  });
});

describe('wallUrl', () => {
  it('points at the renderer wall route on the gateway origin', () => {
    expect(wallUrl('https://127.0.0.1:8443', { layoutId: 'county-overview', displayNumber: 2 })).toBe('https://127.0.0.1:8443/#/wall?layout=county-overview&display=2');
  });
});
