import { describe, expect, it } from 'vitest';
import { canManageSource } from './alarm-source-scope';

const units = [
  { id: 'county', parentId: null },
  { id: 't1', parentId: 'county' },
  { id: 't2', parentId: 'county' },
  { id: 'v1', parentId: 't1' },
];

describe('canManageSource', () => {
  it('a county admin changes every source; a scoped one only its own subtree, never site-wide or a sibling', () => {
    expect(canManageSource(null, null, units)).toBe(true);
    expect(canManageSource(null, 'v1', units)).toBe(true);
    expect(canManageSource('t1', 't1', units)).toBe(true);
    expect(canManageSource('t1', 'v1', units)).toBe(true);
    expect(canManageSource('t1', null, units)).toBe(false);
    expect(canManageSource('t1', 't2', units)).toBe(false);
    expect(canManageSource('v1', 't1', units)).toBe(false);
    expect(canManageSource('t1', 'unknown', units)).toBe(false);
  });
});
