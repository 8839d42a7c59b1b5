// The gateway store fed by the one WebSocket: a REST load once subscribed, then `streams` / `cameras` events applied
// as they come. Reconnects with backoff and `since` = the last sequence seen (the server replays exactly what was
// missed; duplicates are dropped by sequence), reloads over REST on `resync` or after a gateway restart, and polls
// REST only while the socket cannot connect. The sequence rules live in realtime-sync.ts (pure, unit-tested).
import type { GatewayClient } from './gateway-client';
import { toGatewayError, type GatewayError } from './gateway-error';
import { EMPTY_SNAPSHOT, withError, withInventory, withStreams, withTransport, type GatewaySnapshot, type GatewayStore } from './gateway-store';
import type { PipelineStatusDto } from './gateway-types';
import { createPollingGatewayStore, type Timers } from './polling-gateway-store';
import {
  applyTopicEvent,
  INITIAL_SYNC,
  onEvent,
  onHello,
  onReloadEnd,
  onReloadStart,
  onResync,
  parseServerMessage,
  reconnectDelayMs,
  webSocketUrl,
  type SyncState,
  type TopicEvent,
} from './realtime-sync';

/** The part of a browser WebSocket the store uses (a fake in tests). */
export interface SocketLike {
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(): void;
}

export interface WsStoreOptions {
  client: Pick<GatewayClient, 'listOrgUnits' | 'listAllCameras' | 'listStreams'>;
  /** False for roles without stream.read: neither the topic nor the REST list is asked for. */
  canReadStreams: boolean;
  /** More topics to follow, e.g. `wall:<id>`; their events go to onTopicEvent, once each, in order. */
  extraTopics?: readonly string[];
  onTopicEvent?: (event: TopicEvent) => void;
  /** Events may have been missed (replay gap or gateway restart): whoever follows extra topics reloads too. */
  onResync?: () => void;
  /**
   * The subscription was (re)sent. `fresh` is true when nothing before it can be replayed (first greeting or a gateway
   * restart): whoever follows extra topics loads their state over REST now, after subscribing, so nothing is lost.
   */
  onSubscribed?: (fresh: boolean) => void;
  openSocket?: () => SocketLike;
  timers?: Timers;
  random?: () => number;
  /** No hello this long after opening counts as a failed attempt. */
  connectTimeoutMs?: number;
  /** Keep-alive ping; a socket silent for three of these is considered dead and replaced. */
  pingIntervalMs?: number;
  reloadRetryMs?: number;
  /** Polling cadence while the socket cannot connect. */
  streamsPollMs?: number;
  inventoryPollMs?: number;
}

const SNAPSHOT_TOPICS = new Set(['streams', 'cameras']);

const browserTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

function browserSocket(): SocketLike {
  return new WebSocket(webSocketUrl(window.location)) as unknown as SocketLike;
}

/** Fragment ages from a REST answer are not refreshed between pushed state changes: drop them (see readPipelineStatus). */
function stripPipelineAges(items: readonly PipelineStatusDto[]): PipelineStatusDto[] {
  return items.map((s) => ({ ...s, lastFragmentAgeMs: null }));
}

export function createWsGatewayStore(options: WsStoreOptions): GatewayStore {
  const timers = options.timers ?? browserTimers;
  const random = options.random ?? Math.random;
  const openSocket = options.openSocket ?? browserSocket;
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const pingMs = options.pingIntervalMs ?? 20_000;
  const reloadRetryMs = options.reloadRetryMs ?? 5000;
  const listeners = new Set<() => void>();

  let snapshot: GatewaySnapshot = EMPTY_SNAPSHOT;
  let sync: SyncState = INITIAL_SYNC;
  let canReadStreams = options.canReadStreams;
  let running = false;
  let generation = 0;
  let socket: SocketLike | null = null;
  let greeted = false;
  let attempt = 0;
  let reloadAgain = false;
  const reloadedFor = new Set<string>();
  let lastMessageAt = 0;
  let clock = 0; // advanced by the ping timer only; avoids reading wall time
  let reloadError: GatewayError | null = null;
  let fallbackError: GatewayError | null = null;
  const handles: Record<'reconnect' | 'connect' | 'ping' | 'reload', unknown> = { reconnect: null, connect: null, ping: null, reload: null };

  function publish(next: GatewaySnapshot): void {
    const withErr = withError(next, reloadError ?? fallbackError);
    if (withErr === snapshot) return;
    snapshot = withErr;
    for (const l of [...listeners]) l();
  }

  // ---------- polling fallback (only while the socket cannot connect) ----------
  let fallback: GatewayStore | null = null;
  let fallbackUnsub: (() => void) | null = null;
  function startFallback(): void {
    if (fallback) return;
    const store = createPollingGatewayStore({
      client: options.client,
      canReadStreams,
      timers,
      streamsIntervalMs: options.streamsPollMs,
      inventoryIntervalMs: options.inventoryPollMs,
    });
    fallback = store;
    fallbackUnsub = store.subscribe(() => {
      const polled = store.getSnapshot();
      fallbackError = polled.error;
      let next = snapshot;
      if (polled.inventoryLoaded) next = withInventory(next, polled.orgUnits, polled.cameras);
      if (polled.streams !== EMPTY_SNAPSHOT.streams) next = { ...next, streams: polled.streams };
      publish(withTransport(next, 'polling'));
    });
    store.start();
    publish(withTransport(snapshot, 'polling'));
  }
  function stopFallback(): void {
    fallbackUnsub?.();
    fallback?.stop();
    fallback = null;
    fallbackUnsub = null;
    fallbackError = null;
  }

  // ---------- REST reload under the sequence rules ----------
  function applyEvents(events: readonly TopicEvent[]): void {
    let next = snapshot;
    let unknownCamera = false;
    for (const e of events) {
      if (SNAPSHOT_TOPICS.has(e.topic)) {
        const r = applyTopicEvent(next, e);
        next = r.snapshot;
        if (r.inventoryChanged) unknownCamera = true;
        // Reload once per unknown camera (a new camera, or one that just came into scope), never in a loop.
        if (r.unknownCamera && !reloadedFor.has(r.unknownCamera)) {
          reloadedFor.add(r.unknownCamera);
          unknownCamera = true;
        }
      } else options.onTopicEvent?.(e);
    }
    publish(next);
    if (unknownCamera) reload(generation);
  }

  function reload(gen: number): void {
    if (sync.reloading) {
      reloadAgain = true;
      return;
    }
    timers.clearTimeout(handles.reload);
    sync = onReloadStart(sync);
    const streams = canReadStreams
      ? options.client.listStreams().catch((error: unknown) => {
          const e = toGatewayError(error);
          if (e.status !== 403) throw e;
          canReadStreams = false; // the role may not read pipeline status: tiles rely on the player alone
          return null;
        })
      : Promise.resolve(null);
    Promise.all([options.client.listOrgUnits(), options.client.listAllCameras(), streams]).then(
      ([orgUnits, cameras, items]) => {
        if (gen !== generation) return;
        reloadError = null;
        let next = withInventory(snapshot, orgUnits, cameras);
        if (items) next = withStreams(next, stripPipelineAges(items));
        finishReload(gen, next);
      },
      (error: unknown) => {
        if (gen !== generation) return;
        reloadError = toGatewayError(error);
        finishReload(gen, snapshot);
        handles.reload = timers.setTimeout(() => reload(gen), reloadRetryMs);
      },
    );
  }

  function finishReload(gen: number, next: GatewaySnapshot): void {
    const ended = onReloadEnd(sync);
    sync = ended.state;
    publish(next);
    applyEvents(ended.apply.filter((e) => SNAPSHOT_TOPICS.has(e.topic)));
    if (reloadAgain && gen === generation) {
      reloadAgain = false;
      reload(gen);
    }
  }

  // ---------- the socket ----------
  /** Ask only for what the role may read: the gateway refuses a whole subscribe that names one forbidden topic. */
  function topics(): string[] {
    return [...(canReadStreams ? ['streams'] : []), 'cameras', ...(options.extraTopics ?? [])];
  }

  function connect(gen: number): void {
    if (!running || gen !== generation) return;
    greeted = false;
    let s: SocketLike;
    try {
      s = openSocket();
    } catch {
      return failed(gen);
    }
    socket = s;
    handles.connect = timers.setTimeout(() => {
      if (socket === s && !greeted) drop(s, gen);
    }, connectTimeoutMs);
    s.onmessage = (ev) => {
      if (socket !== s || gen !== generation) return;
      lastMessageAt = clock;
      onMessage(s, ev.data, gen);
    };
    s.onclose = () => {
      if (socket === s) drop(s, gen);
    };
    s.onerror = () => {
      if (socket === s) drop(s, gen);
    };
  }

  function onMessage(s: SocketLike, raw: unknown, gen: number): void {
    const msg = parseServerMessage(raw);
    if (!msg) return;
    switch (msg.type) {
      case 'hello': {
        greeted = true;
        attempt = 0;
        timers.clearTimeout(handles.connect);
        stopFallback();
        const hello = onHello(sync, msg.seq);
        sync = hello.state;
        s.send(JSON.stringify({ type: 'subscribe', topics: topics(), since: hello.since }));
        publish(withTransport(snapshot, 'websocket'));
        schedulePing(s, gen);
        options.onSubscribed?.(hello.reload);
        if (hello.reload) {
          reload(gen);
          // A gateway restart (not the first greeting) also resets whatever the extra topics drive.
          if (snapshot.inventoryLoaded) options.onResync?.();
        }
        return;
      }
      case 'event': {
        const seen = onEvent(sync, msg, SNAPSHOT_TOPICS.has(msg.topic));
        sync = seen.state;
        if (seen.apply.length) applyEvents(seen.apply);
        return;
      }
      case 'resync':
        sync = onResync(sync, msg.seq);
        reload(gen);
        options.onResync?.();
        return;
      case 'error':
        // A refused subscription or a malformed frame of ours; the console keeps working on what it has.
        console.warn(`gateway WebSocket: ${msg.message}`);
        return;
      case 'pong':
        return;
    }
  }

  function schedulePing(s: SocketLike, gen: number): void {
    timers.clearTimeout(handles.ping);
    handles.ping = timers.setTimeout(() => {
      if (socket !== s || gen !== generation) return;
      clock += pingMs;
      if (clock - lastMessageAt > pingMs * 3) return drop(s, gen);
      try {
        s.send(JSON.stringify({ type: 'ping' }));
      } catch {
        return drop(s, gen);
      }
      schedulePing(s, gen);
    }, pingMs);
  }

  function drop(s: SocketLike, gen: number): void {
    s.onopen = s.onmessage = s.onclose = s.onerror = null;
    try {
      s.close();
    } catch {
      // already closed
    }
    if (socket === s) socket = null;
    timers.clearTimeout(handles.connect);
    timers.clearTimeout(handles.ping);
    if (!greeted) return failed(gen);
    // It was working and dropped: try again soon; polling starts only if that attempt fails too.
    greeted = false;
    scheduleReconnect(gen);
  }

  function failed(gen: number): void {
    if (!running || gen !== generation) return;
    startFallback();
    scheduleReconnect(gen);
  }

  function scheduleReconnect(gen: number): void {
    if (!running || gen !== generation) return;
    const delay = reconnectDelayMs(attempt++, random);
    timers.clearTimeout(handles.reconnect);
    handles.reconnect = timers.setTimeout(() => connect(gen), delay);
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
      attempt = 0;
      connect(++generation);
    },
    stop() {
      running = false;
      generation++;
      for (const key of Object.keys(handles) as (keyof typeof handles)[]) {
        timers.clearTimeout(handles[key]);
        handles[key] = null;
      }
      stopFallback();
      const s = socket;
      socket = null;
      if (s) {
        s.onopen = s.onmessage = s.onclose = s.onerror = null;
        try {
          s.close();
        } catch {
          // already closed
        }
      }
      // A later start() greets afresh and reloads over REST (events buffered by an abandoned reload are not lost).
      sync = INITIAL_SYNC;
      reloadAgain = false;
    },
  };
}
