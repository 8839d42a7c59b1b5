// Pure rules of the console's alarm store: the REST load of open alarms, `alarms` topic events on top of it (kept while
// a load is in flight and applied after it, in order), upsert by id with the newer version winning, and what the
// pop-up queue and the map read from it. No timers or sockets here, so every rule is unit-tested.
import { ALARM_SEVERITIES, ALARM_STATES, OPEN_ALARM_STATES, type AlarmDto, type AlarmTopicEvent } from '../../../../contracts/src/alarm';

export interface AlarmSyncState {
  /** Alarms known to this console by id (open ones, and ones that closed while we watched). */
  byId: ReadonlyMap<string, AlarmDto>;
  /** A REST load is in flight: events are kept in `pending` and applied on top of its answer. */
  loading: boolean;
  pending: readonly AlarmTopicEvent[];
  /** The first load has arrived. */
  loaded: boolean;
  /** Ids of alarms created (not loaded) since the console started, in arrival order: the pop-up announces these. */
  arrivals: readonly string[];
}

export const INITIAL_ALARM_SYNC: AlarmSyncState = { byId: new Map(), loading: false, pending: [], loaded: false, arrivals: [] };

/** How many arrivals are remembered (enough to tell "new to me" from "seen" for a long shift). */
const MAX_ARRIVALS = 1000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The `data` of an `alarms` event, or null when it is not one this console understands. */
export function readAlarmEvent(data: unknown): AlarmTopicEvent | null {
  if (!isObject(data) || (data.kind !== 'created' && data.kind !== 'updated') || !isObject(data.alarm)) return null;
  const a = data.alarm;
  if (typeof a.id !== 'string' || !a.id || typeof a.type !== 'string' || typeof a.updatedAt !== 'string') return null;
  if (!(ALARM_STATES as readonly unknown[]).includes(a.state) || !(ALARM_SEVERITIES as readonly unknown[]).includes(a.severity)) return null;
  const alarm = { ...a, cameraIds: Array.isArray(a.cameraIds) ? a.cameraIds : [], actions: Array.isArray(a.actions) ? a.actions : [] } as unknown as AlarmDto;
  return { kind: data.kind, alarm };
}

/** True when `next` is not older than `prev` (same `updatedAt`: the later message wins, it was sent later). */
export function isNewer(prev: AlarmDto | undefined, next: AlarmDto): boolean {
  if (!prev) return true;
  const a = Date.parse(prev.updatedAt);
  const b = Date.parse(next.updatedAt);
  if (Number.isFinite(a) && Number.isFinite(b)) return b >= a;
  return true;
}

function upsert(byId: Map<string, AlarmDto>, alarm: AlarmDto): boolean {
  if (!isNewer(byId.get(alarm.id), alarm)) return false;
  byId.set(alarm.id, alarm);
  return true;
}

function withArrival(arrivals: readonly string[], id: string): readonly string[] {
  if (arrivals.includes(id)) return arrivals;
  const next = [...arrivals, id];
  return next.length > MAX_ARRIVALS ? next.slice(next.length - MAX_ARRIVALS) : next;
}

export function startLoad(state: AlarmSyncState): AlarmSyncState {
  return state.loading ? state : { ...state, loading: true, pending: [] };
}

/**
 * The REST answer (open alarms) replaces what we had; the events that arrived meanwhile go on top, in order (an event
 * older than the REST row it concerns is ignored by `updatedAt`).
 */
export function finishLoad(state: AlarmSyncState, items: readonly AlarmDto[]): AlarmSyncState {
  const byId = new Map<string, AlarmDto>();
  for (const a of items) byId.set(a.id, a);
  let next: AlarmSyncState = { ...state, byId, loading: false, pending: [], loaded: true };
  for (const e of state.pending) next = applyEvent(next, e);
  return next;
}

/** The load failed: keep what we had and apply what arrived meanwhile (a retry will follow). */
export function failLoad(state: AlarmSyncState): AlarmSyncState {
  let next: AlarmSyncState = { ...state, loading: false, pending: [] };
  for (const e of state.pending) next = applyEvent(next, e);
  return next;
}

/** One `alarms` event: kept while a load runs, else upserted by id. */
export function onAlarmEvent(state: AlarmSyncState, event: AlarmTopicEvent): AlarmSyncState {
  if (state.loading) return { ...state, pending: [...state.pending, event] };
  return applyEvent(state, event);
}

function applyEvent(state: AlarmSyncState, event: AlarmTopicEvent): AlarmSyncState {
  const byId = new Map(state.byId);
  const changed = upsert(byId, event.alarm);
  const arrivals = event.kind === 'created' ? withArrival(state.arrivals, event.alarm.id) : state.arrivals;
  if (!changed && arrivals === state.arrivals) return state;
  return { ...state, byId: changed ? byId : state.byId, arrivals };
}

/** Apply an action's answer (the updated alarm) at once, without waiting for its event. */
export function withAlarm(state: AlarmSyncState, alarm: AlarmDto): AlarmSyncState {
  const byId = new Map(state.byId);
  return upsert(byId, alarm) ? { ...state, byId } : state;
}

export const isOpen = (a: Pick<AlarmDto, 'state'>) => (OPEN_ALARM_STATES as readonly string[]).includes(a.state);

/** Open alarms, newest first (the map's markers and the list's live part). */
export function openAlarms(byId: ReadonlyMap<string, AlarmDto>): AlarmDto[] {
  return [...byId.values()].filter(isOpen).sort((a, b) => b.firstAt.localeCompare(a.firstAt) || a.id.localeCompare(b.id));
}
