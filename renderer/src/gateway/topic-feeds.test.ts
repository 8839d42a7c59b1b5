import { describe, expect, it } from 'vitest';
import { combineTopicFeeds } from './topic-feeds';

describe('combineTopicFeeds', () => {
  it('subscribes each topic once and hands every event, resync and subscription to every feed', () => {
    const seen: string[] = [];
    const feed = (name: string, topics: string[]) => ({
      extraTopics: topics,
      onTopicEvent: (e: { topic: string }) => seen.push(`${name}:${e.topic}`),
      onResync: () => seen.push(`${name}:resync`),
      onSubscribed: (fresh: boolean) => seen.push(`${name}:subscribed:${fresh}`),
    });
    const both = combineTopicFeeds(feed('alarms', ['alarms']), feed('todo', ['incidents', 'alarms']), { extraTopics: ['wall:1'] });
    expect(both.extraTopics).toEqual(['alarms', 'incidents', 'wall:1']);
    both.onTopicEvent?.({ seq: 1, topic: 'incidents', at: '', data: null });
    both.onResync?.();
    both.onSubscribed?.(true);
    expect(seen).toEqual(['alarms:incidents', 'todo:incidents', 'alarms:resync', 'todo:resync', 'alarms:subscribed:true', 'todo:subscribed:true']);
  });
});
