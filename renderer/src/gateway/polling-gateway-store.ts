// The first GatewayStore: polls /api/v1/streams every 2 s and the inventory (org units + cameras) every 10 s.
// Polls never overlap: the next one is scheduled when the previous finished.
import type { GatewayClient } from './gateway-client';
import { toGatewayError } from './gateway-error';
import { EMPTY_SNAPSHOT, withError, withInventory, withStreams, type GatewaySnapshot, type GatewayStore } from './gateway-store';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface PollingStoreOptions {
  client: Pick<GatewayClient, 'listOrgUnits' | 'listAllCameras' | 'listStreams'>;
  /** False for roles without stream.read: the streams endpoint would only answer 403. */
  canReadStreams: boolean;
  streamsIntervalMs?: number;
  inventoryIntervalMs?: number;
  timers?: Timers;
}

const browserTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createPollingGatewayStore(options: PollingStoreOptions): GatewayStore {
  const timers = options.timers ?? browserTimers;
  const streamsEvery = options.streamsIntervalMs ?? 2000;
  const inventoryEvery = options.inventoryIntervalMs ?? 10_000;
  const listeners = new Set<() => void>();
  let snapshot: GatewaySnapshot = { ...EMPTY_SNAPSHOT, transport: 'polling' };
  let running = false;
  let generation = 0;
  let canReadStreams = options.canReadStreams;
  const handles: { streams: unknown; inventory: unknown } = { streams: null, inventory: null };
  const errors: { streams: ReturnType<typeof toGatewayError> | null; inventory: ReturnType<typeof toGatewayError> | null } = { streams: null, inventory: null };

  function publish(next: GatewaySnapshot): void {
    const withErr = withError(next, errors.inventory ?? errors.streams);
    if (withErr === snapshot) return;
    snapshot = withErr;
    for (const l of [...listeners]) l();
  }

  async function pollInventory(gen: number): Promise<void> {
    try {
      const [orgUnits, cameras] = await Promise.all([options.client.listOrgUnits(), options.client.listAllCameras()]);
      if (gen !== generation) return;
      errors.inventory = null;
      publish(withInventory(snapshot, orgUnits, cameras));
    } catch (error) {
      if (gen !== generation) return;
      errors.inventory = toGatewayError(error);
      publish(snapshot);
    }
    if (running && gen === generation) handles.inventory = timers.setTimeout(() => void pollInventory(gen), inventoryEvery);
  }

  async function pollStreams(gen: number): Promise<void> {
    try {
      const items = await options.client.listStreams();
      if (gen !== generation) return;
      errors.streams = null;
      publish(withStreams(snapshot, items));
    } catch (error) {
      if (gen !== generation) return;
      const e = toGatewayError(error);
      if (e.status === 403) {
        // The role may not read pipeline status: tiles then rely on the player and the camera status alone.
        canReadStreams = false;
        errors.streams = null;
        publish(snapshot);
        return;
      }
      errors.streams = e;
      publish(snapshot);
    }
    if (running && gen === generation && canReadStreams) handles.streams = timers.setTimeout(() => void pollStreams(gen), streamsEvery);
  }

  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start() {
      if (running) return;
      running = true;
      const gen = ++generation;
      void pollInventory(gen);
      if (canReadStreams) void pollStreams(gen);
    },
    stop() {
      running = false;
      generation++;
      timers.clearTimeout(handles.inventory);
      timers.clearTimeout(handles.streams);
      handles.inventory = handles.streams = null;
    },
  };
}
