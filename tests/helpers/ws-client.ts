import WebSocket from 'ws';
import type { Harness } from './gateway-harness';
import { until } from './media-probe';

/** A message from the gateway's WebSocket (`/api/v1/ws`); tests narrow `data` to what their topic carries. */
export interface WsMessage {
  type: string;
  seq?: number;
  topic?: string;
  data?: unknown;
  message?: string;
}

export interface WsClient<M extends { type: string } = WsMessage> {
  ws: WebSocket;
  /** Every message received so far, in order. */
  messages: M[];
}

/**
 * Opens the gateway's WebSocket with a session token and collects every message. With `hello`, resolves once the
 * gateway greeted; with `topics`, also subscribes (replaying from `since`) and waits for the answer to a ping sent
 * after it (the server handles messages in order: the subscription and any replay are then done).
 */
export async function openWs<M extends { type: string } = WsMessage>(h: Pick<Harness, 'gw'>, token: string, opts: { topics?: string[]; hello?: boolean; since?: number } = {}): Promise<WsClient<M>> {
  const ws = new WebSocket(`${h.gw.url.replace(/^http/, 'ws')}/api/v1/ws`, { headers: { authorization: `Bearer ${token}` } });
  const messages: M[] = [];
  ws.on('message', (m) => messages.push(JSON.parse(m.toString()) as M));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  if (!opts.hello && !opts.topics) return { ws, messages };
  await until(async () => messages.some((m) => m.type === 'hello'), 5000, 'hello');
  if (opts.topics) {
    ws.send(JSON.stringify({ type: 'subscribe', topics: opts.topics, ...(opts.since !== undefined ? { since: opts.since } : {}) }));
    ws.send(JSON.stringify({ type: 'ping' }));
    await until(async () => messages.some((m) => m.type === 'pong'), 5000, 'pong');
  }
  return { ws, messages };
}
