/** A minimal typed event emitter (no Node EventEmitter: a listener's throw must not kill the receive path). */
export class TypedEmitter<Events extends Record<string, unknown>> {
  private readonly listeners = new Map<keyof Events, Set<(value: never) => void>>();

  on<K extends keyof Events>(event: K, listener: (value: Events[K]) => void): this {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (value: never) => void);
    return this;
  }

  off<K extends keyof Events>(event: K, listener: (value: Events[K]) => void): this {
    this.listeners.get(event)?.delete(listener as (value: never) => void);
    return this;
  }

  protected emit<K extends keyof Events>(event: K, value: Events[K]): void {
    for (const l of this.listeners.get(event) ?? []) {
      try {
        (l as (value: Events[K]) => void)(value);
      } catch (err) {
        // A consumer bug is reported on the next tick instead of unwinding into the socket handler.
        queueMicrotask(() => {
          throw err;
        });
      }
    }
  }
}
