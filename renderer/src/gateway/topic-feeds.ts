import type { WsStoreOptions } from './ws-gateway-store';

/** What a store that follows extra topics hands the shell's one WebSocket store (alarms, incident to-do…). */
export type TopicFeed = Pick<WsStoreOptions, 'extraTopics' | 'onTopicEvent' | 'onResync' | 'onSubscribed'>;

/** Several feeds on the one socket: topics subscribed once each, every callback called for each feed. */
export function combineTopicFeeds(...feeds: readonly TopicFeed[]): TopicFeed {
  return {
    extraTopics: [...new Set(feeds.flatMap((f) => f.extraTopics ?? []))],
    onTopicEvent: (e) => feeds.forEach((f) => f.onTopicEvent?.(e)),
    onResync: () => feeds.forEach((f) => f.onResync?.()),
    onSubscribed: (fresh) => feeds.forEach((f) => f.onSubscribed?.(fresh)),
  };
}
