// The console's 待我处理 store: fed by the shell's one WebSocket (the `incidents` topic, scoped by the gateway) and
// loaded over REST (`?todo=true`) each time the socket subscribes afresh or says `resync`, like the alarm store.
import type { TopicEvent } from '../../gateway/realtime-sync';
import type { WsStoreOptions } from '../../gateway/ws-gateway-store';
import type { TodoViewer } from '../../../../contracts/src/incident-todo';
import type { IncidentApi } from './incident-api';
import { applyTodoEvent, dismissNotice, INITIAL_TODO, seedTodo, TODO_QUERY, type TodoState } from './incident-todo';
import { isIncidentTopicEvent } from './use-incident-feed';

export interface IncidentTodoStore {
  getSnapshot(): TodoState;
  subscribe(listener: () => void): () => void;
  wsOptions: Pick<WsStoreOptions, 'extraTopics' | 'onTopicEvent' | 'onResync' | 'onSubscribed'>;
  /** Subtree membership from the org tree the shell holds (it arrives after the store is made). */
  setWithin(within: (unit: string, ancestor: string) => boolean): void;
  dismiss(key: string): void;
  reload(): void;
  /** While the socket cannot connect no pushes arrive: reload every `pollMs` instead (repeated calls change nothing). */
  setPolling(on: boolean): void;
  stop(): void;
}

export interface IncidentTodoStoreOptions {
  api: Pick<IncidentApi, 'list'>;
  viewer: TodoViewer;
  /** The signed-in user's id: what they create themselves is counted, not announced to them. */
  userId?: string;
  /** Retry after a failed load. */
  retryMs?: number;
  pollMs?: number;
}

export function createIncidentTodoStore(options: IncidentTodoStoreOptions): IncidentTodoStore {
  const listeners = new Set<() => void>();
  let state = INITIAL_TODO;
  let within: (unit: string, ancestor: string) => boolean = (unit, ancestor) => unit.startsWith(ancestor);
  let generation = 0;
  let stopped = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let poll: ReturnType<typeof setInterval> | undefined;

  const set = (next: TodoState) => {
    if (next === state) return;
    state = next;
    for (const l of [...listeners]) l();
  };

  function reload(): void {
    if (stopped) return;
    clearTimeout(retry);
    const gen = ++generation;
    options.api.list(TODO_QUERY).then(
      (r) => {
        if (gen === generation && !stopped) set(seedTodo(state, r.items, r.total));
      },
      () => {
        if (gen === generation && !stopped) retry = setTimeout(reload, options.retryMs ?? 10_000);
      },
    );
  }

  const onTopicEvent = (e: TopicEvent) => {
    if (e.topic === 'incidents' && isIncidentTopicEvent(e.data)) set(applyTodoEvent(state, e.data, options.viewer, within, options.userId ?? null));
  };

  return {
    getSnapshot: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    wsOptions: {
      extraTopics: ['incidents'],
      onTopicEvent,
      onResync: reload,
      onSubscribed: (fresh) => {
        if (fresh) reload();
      },
    },
    setWithin(next) {
      within = next;
    },
    dismiss: (key) => set(dismissNotice(state, key)),
    reload,
    setPolling(on) {
      if ((poll !== undefined) === on) return;
      clearInterval(poll);
      poll = undefined;
      if (!on || stopped) return;
      reload();
      poll = setInterval(reload, options.pollMs ?? 15_000);
    },
    stop() {
      stopped = true;
      clearTimeout(retry);
      clearInterval(poll);
    },
  };
}
