/**
 * Tells caches built on a repository's rows that they may be stale. Fired synchronously by every write that can
 * change who may see what (users, cameras, org units); listeners must be cheap (e.g. clear a map).
 */
export class ChangeSignal {
  private readonly listeners = new Set<() => void>();

  on(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(): void {
    for (const l of this.listeners) l();
  }
}
