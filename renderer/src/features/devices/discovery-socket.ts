// A small dedicated subscription to the `discovery` WebSocket topic while the discovery page is open (the console's
// store is built with a fixed topic list). Progress is advisory: the page also polls GET /scans/{id}, so a socket
// that cannot connect only makes the numbers arrive a little later.
import type { DiscoveryProgress } from '../../../../contracts/src/discovery';
import { parseServerMessage, webSocketUrl } from '../../gateway/realtime-sync';

export function isDiscoveryProgress(v: unknown): v is DiscoveryProgress {
  if (typeof v !== 'object' || v === null) return false;
  const p = v as Record<string, unknown>;
  return typeof p.id === 'string' && typeof p.state === 'string' && ['probed', 'found', 'queried', 'failed', 'authRequired'].every((k) => typeof p[k] === 'number');
}

/** Opens the socket, subscribes to `discovery` after the hello, reconnects every 3 s until closed. */
export function subscribeDiscovery(onProgress: (p: DiscoveryProgress) => void): () => void {
  let closed = false;
  let socket: WebSocket | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let ping: ReturnType<typeof setInterval> | null = null;
  const open = () => {
    if (closed) return;
    let ws: WebSocket;
    try {
      ws = new WebSocket(webSocketUrl(window.location));
    } catch {
      retry = setTimeout(open, 3000);
      return;
    }
    socket = ws;
    ws.onmessage = (ev) => {
      const m = parseServerMessage(ev.data);
      if (!m) return;
      if (m.type === 'hello') ws.send(JSON.stringify({ type: 'subscribe', topics: ['discovery'], since: m.seq }));
      else if (m.type === 'event' && m.topic === 'discovery' && isDiscoveryProgress(m.data)) onProgress(m.data);
    };
    ws.onclose = () => {
      if (ping) clearInterval(ping);
      ping = null;
      socket = null;
      if (!closed) retry = setTimeout(open, 3000);
    };
    ping = setInterval(() => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: 'ping' }));
    }, 20_000);
  };
  open();
  return () => {
    closed = true;
    if (retry) clearTimeout(retry);
    if (ping) clearInterval(ping);
    socket?.close();
  };
}
