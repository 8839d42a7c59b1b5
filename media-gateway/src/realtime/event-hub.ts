/**
 * In-process publish/subscribe with one global sequence number and a bounded replay buffer: a console that
 * reconnects with the last sequence it saw gets exactly what it missed (or is told to resync when the buffer no
 * longer reaches back that far). Each event carries the org unit it concerns so delivery can be scoped.
 */
export interface HubEvent {
  seq: number;
  topic: string;
  at: number;
  /** The org unit the event concerns; null = of interest to every permitted user. */
  orgUnitId: string | null;
  data: unknown;
}

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

  publish(topic: string, data: unknown, orgUnitId: string | null): HubEvent {
    const event: HubEvent = { seq: ++this.seq, topic, at: this.now(), orgUnitId, data };
    this.buffer.push(event);
    if (this.buffer.length > this.capacity) this.buffer.splice(0, this.buffer.length - this.capacity);
    for (const l of this.listeners) l(event);
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
