import { describe, expect, it } from 'vitest';
import { EventHub } from './event-hub';

describe('EventHub', () => {
  it('numbers events and replays what a reconnecting client missed', () => {
    const hub = new EventHub(3, () => 42);
    const seen: number[] = [];
    hub.subscribe((e) => seen.push(e.seq));
    hub.publish('streams', { kind: 'removed', cameraId: 'c1', profile: 'sub', removed: true }, null);
    hub.publish('cameras', { kind: 'created', id: 'c2' }, '141130101');
    expect(seen).toEqual([1, 2]);
    expect(hub.since(1).valueOf()).toEqual([{ seq: 2, topic: 'cameras', at: 42, orgUnitId: '141130101', data: { kind: 'created', id: 'c2' } }]);
    expect(hub.since(2)).toEqual([]);
  });
  it('says gap when the buffer no longer reaches back', () => {
    const hub = new EventHub(2);
    for (let i = 0; i < 5; i++) hub.publish('cameras', { kind: 'updated', id: `c${i}` }, null);
    expect(hub.since(1)).toBe('gap');
    expect(hub.since(3)).toHaveLength(2);
  });
});
