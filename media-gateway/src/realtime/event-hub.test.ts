import { describe, expect, it } from 'vitest';
import { EventHub, type HubEvent } from './event-hub';

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
  it('takes only the payload of the topic it is given (checked by tsc), and narrows by topic when read back', () => {
    const hub = new EventHub();
    // @ts-expect-error a cameras payload on the streams topic
    hub.publish('streams', { kind: 'created', id: 'c1' }, null);
    // @ts-expect-error a wall topic carries wall commands only
    hub.publish('wall:w1', { kind: 'created', id: 'c1' }, null);
    // @ts-expect-error not a topic
    hub.publish('camera', { kind: 'created', id: 'c1' }, null);
    const typed = new EventHub();
    typed.publish('streams', { kind: 'removed', cameraId: 'c1', profile: 'main', removed: true }, null);
    typed.publish('cameras', { kind: 'deleted', id: 'c2' }, null);
    typed.publish('wall:w1', { type: 'stop-tour', by: 'op' }, null);
    const read = (typed.since(0) as HubEvent[]).map((e) => (e.topic === 'streams' || e.topic === 'cameras' ? e.data.kind : e.topic));
    expect(read).toEqual(['removed', 'deleted', 'wall:w1']);
  });
});
