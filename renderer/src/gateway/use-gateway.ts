import { createContext, useContext, useSyncExternalStore } from 'react';
import type { GatewayClient } from './gateway-client';
import type { GatewaySnapshot, GatewayStore } from './gateway-store';

export const GatewayClientContext = createContext<GatewayClient | null>(null);
export const GatewayStoreContext = createContext<GatewayStore | null>(null);

export function useGatewayClient(): GatewayClient {
  const client = useContext(GatewayClientContext);
  if (!client) throw new Error('useGatewayClient must be used inside GatewayClientContext');
  return client;
}

function useStore(): GatewayStore {
  const store = useContext(GatewayStoreContext);
  if (!store) throw new Error('gateway store hooks must be used inside GatewayStoreContext');
  return store;
}

/**
 * Reads one slice of the gateway snapshot. The selector must return a value that is stable while the slice is
 * unchanged (a field of the snapshot, a Map entry), or the component re-renders on every poll.
 */
export function useGatewaySelector<T>(selector: (snapshot: GatewaySnapshot) => T): T {
  const store = useStore();
  return useSyncExternalStore(store.subscribe, () => selector(store.getSnapshot()));
}
