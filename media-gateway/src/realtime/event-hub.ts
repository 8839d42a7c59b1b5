import type { FixedTopic, Topic, TopicPayload, WallTopic } from '../../../contracts/src/realtime';

/**
 * In-process publish/subscribe with one global sequence number and a bounded replay buffer: a console that
 * reconnects with the last sequence it saw gets exactly what it missed (or is told to resync when the buffer no
 * longer reaches back that far). Each event carries the org unit it concerns so delivery can be scoped.
 */
export interface TopicHubEvent<T extends Topic> {
  seq: number;
  topic: T;
  at: number;
  /** The org unit the event concerns; null = of interest to every permitted user. */
  orgUnitId: string | null;
  data: TopicPayload<T>;
}

/** Any topic's event, as a union on `topic` so that checking the topic narrows `data`. */
export type HubEvent = { [K in FixedTopic]: TopicHubEvent<K> }[FixedTopic] | TopicHubEvent<WallTopic>;

export type HubListener = (event: HubEvent) => void;

export class EventHub {
  private seq = 0;
  private readonly buffer: HubEvent[] = [];
  private readonly listeners = new Set<HubListener>();

  constructor(
    private readonly capacity = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get lastSeq(): number {
    return this.seq;
  }

  publish<T extends Topic>(topic: T, data: TopicPayload<T>, orgUnitId: string | null): TopicHubEvent<T> {
    const event: TopicHubEvent<T> = { seq: ++this.seq, topic, at: this.now(), orgUnitId, data };
    // TopicHubEvent<T> for a generic T is one member of the HubEvent union; TypeScript cannot see that by itself.
    const stored = event as HubEvent;
    this.buffer.push(stored);
    if (this.buffer.length > this.capacity) this.buffer.splice(0, this.buffer.length - this.capacity);
    for (const l of this.listeners) l(stored);
    return event;
  }

  /** Events after `seq`, or 'gap' when some of them have already left the buffer. */
  since(seq: number): HubEvent[] | 'gap' {
    if (seq >= this.seq) return [];
    const oldest = this.buffer[0]?.seq ?? this.seq + 1;
    if (seq + 1 < oldest) return 'gap';
    return this.buffer.filter((e) => e.seq > seq);
  }

  subscribe(listener: HubListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
