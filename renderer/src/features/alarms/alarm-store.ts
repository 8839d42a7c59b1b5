// The console's alarm store: loads the open alarms over REST each time the WebSocket (re)subscribes afresh or says
// `resync`, and applies `alarms` topic events in between (the ws store drops replayed duplicates by sequence; this
// store upserts by id, so a reconnect shows each alarm once). While the socket cannot connect it polls instead.
import type { AlarmDto } from '../../../../contracts/src/alarm';
import type { GatewayClient } from '../../gateway/gateway-client';
import type { Timers } from '../../gateway/polling-gateway-store';
import type { TopicEvent } from '../../gateway/realtime-sync';
import type { WsStoreOptions } from '../../gateway/ws-gateway-store';
import { failLoad, finishLoad, INITIAL_ALARM_SYNC, onAlarmEvent, readAlarmEvent, startLoad, withAlarm, type AlarmSyncState } from './alarm-sync';

export const ALARM_TOPIC = 'alarms';
/** The pop-up queue and the map need the open alarms; the list section pages through the rest itself. */
export const OPEN_LOAD = { state: ['new', 'acknowledged'] as const, limit: 200 };

export interface AlarmStore {
  getSnapshot(): AlarmSyncState;
  subscribe(listener: () => void): () => void;
  /** The options the shell's WebSocket store takes to feed this one. */
  wsOptions: Pick<WsStoreOptions, 'extraTopics' | 'onTopicEvent' | 'onResync' | 'onSubscribed'>;
  onTopicEvent(event: TopicEvent): void;
  reload(): void;
  /** An action's answer: shown at once (its event follows and changes nothing). */
  put(alarm: AlarmDto): void;
  /** Polling while the socket is down (the ws store's transport says `polling`). */
  setPolling(on: boolean): void;
  start(): void;
  stop(): void;
}

export interface AlarmStoreOptions {
  client: Pick<GatewayClient, 'listAlarms'>;
  timers?: Timers;
  retryMs?: number;
  pollMs?: number;
}

const browserTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createAlarmStore(options: AlarmStoreOptions): AlarmStore {
  const timers = options.timers ?? browserTimers;
  const retryMs = options.retryMs ?? 5000;
  const pollMs = options.pollMs ?? 5000;
  const listeners = new Set<() => void>();
  let state: AlarmSyncState = INITIAL_ALARM_SYNC;
  let generation = 0;
  let again = false;
  let stopped = false;
  let retry: unknown = null;
  let poll: unknown = null;
  let polling = false;

  function set(next: AlarmSyncState): void {
    if (next === state) return;
    state = next;
    for (const l of [...listeners]) l();
  }

  function reload(): void {
    if (stopped) return;
    if (state.loading) {
      again = true;
      return;
    }
    timers.clearTimeout(retry);
    const gen = ++generation;
    set(startLoad(state));
    options.client.listAlarms({ state: [...OPEN_LOAD.state], limit: OPEN_LOAD.limit }).then(
      (res) => {
        if (gen !== generation || stopped) return;
        set(finishLoad(state, res.items));
        if (again) {
          again = false;
          reload();
        }
      },
      () => {
        if (gen !== generation || stopped) return;
        set(failLoad(state));
        again = false;
        retry = timers.setTimeout(reload, retryMs);
      },
    );
  }

  function schedulePoll(): void {
    timers.clearTimeout(poll);
    if (!polling || stopped) return;
    poll = timers.setTimeout(() => {
      reload();
      schedulePoll();
    }, pollMs);
  }

  const onTopicEvent = (event: TopicEvent) => {
    if (event.topic !== ALARM_TOPIC) return;
    const e = readAlarmEvent(event.data);
    if (e) set(onAlarmEvent(state, e));
  };

  return {
    getSnapshot: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    wsOptions: {
      extraTopics: [ALARM_TOPIC],
      onTopicEvent,
      onResync: reload,
      onSubscribed: (fresh) => {
        if (fresh) reload();
      },
    },
    onTopicEvent,
    reload,
    put: (alarm) => set(withAlarm(state, alarm)),
    setPolling(on) {
      if (polling === on) return;
      polling = on;
      if (on) reload();
      schedulePoll();
    },
    start() {
      stopped = false;
    },
    stop() {
      stopped = true;
      generation++;
      again = false;
      if (state.loading) state = failLoad(state);
      timers.clearTimeout(retry);
      timers.clearTimeout(poll);
    },
  };
}
