// Live incident updates: the `incidents` WebSocket topic through a second topic store of our own (the shell's store
// follows streams/cameras only). It brings reconnect with backoff, replay from the last sequence and duplicate-drop
// by sequence; the gateway may still push one change twice (place and responsible township), which the page
// handles by upserting by id. Inventory is the shell's business, so this store's REST loads answer empty.
import type { IncidentTopicEvent } from '../../../../contracts/src/incident';
import { useEffect, useRef, useState } from 'react';
import type { GatewayTransport } from '../../gateway/gateway-store';
import { createWsGatewayStore } from '../../gateway/ws-gateway-store';

const NO_INVENTORY = {
  listOrgUnits: () => Promise.resolve([]),
  listAllCameras: () => Promise.resolve([]),
  listStreams: () => Promise.resolve([]),
};

export function isIncidentTopicEvent(data: unknown): data is IncidentTopicEvent {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as { action?: unknown; incident?: { id?: unknown; updatedAt?: unknown; state?: unknown } };
  return typeof d.action === 'string' && typeof d.incident === 'object' && d.incident !== null && typeof d.incident.id === 'string' && typeof d.incident.updatedAt === 'string' && typeof d.incident.state === 'string';
}

/** Calls `onEvent` for each pushed incident change and `onResync` when some may have been missed; returns the transport. */
export function useIncidentFeed(onEvent: (e: IncidentTopicEvent) => void, onResync: () => void): GatewayTransport {
  const handlers = useRef({ onEvent, onResync });
  useEffect(() => {
    handlers.current = { onEvent, onResync };
  });
  const [transport, setTransport] = useState<GatewayTransport>('connecting');
  useEffect(() => {
    const store = createWsGatewayStore({
      client: NO_INVENTORY,
      canReadStreams: false,
      extraTopics: ['incidents'],
      onTopicEvent: (e) => {
        if (e.topic === 'incidents' && isIncidentTopicEvent(e.data)) handlers.current.onEvent(e.data);
      },
      onResync: () => handlers.current.onResync(),
    });
    let last: GatewayTransport = 'connecting';
    const unsubscribe = store.subscribe(() => {
      const t = store.getSnapshot().transport;
      if (t === last) return;
      // Back on the socket after polling: what happened meanwhile is not replayed to a fresh store, so reload.
      if (last === 'polling' && t === 'websocket') handlers.current.onResync();
      last = t;
      setTransport(t);
    });
    store.start();
    return () => {
      unsubscribe();
      store.stop();
    };
  }, []);
  return transport;
}
