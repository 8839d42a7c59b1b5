// Pure parts of the WebSocket topic store: reading server messages, the sequence bookkeeping that makes a
// reconnect lose nothing and apply nothing twice, applying `streams`/`cameras` events to the snapshot, and the
// reconnect delay. No sockets or timers here, so every rule is unit-tested.
import type { CameraDto, CameraStatus } from '../../../contracts/src/camera';
import type { ServerMessage } from '../../../contracts/src/realtime';
import type { GatewaySnapshot } from './gateway-store';
import { streamKey, type PipelineState, type PipelineStatusDto } from './gateway-types';

export interface TopicEvent {
  seq: number;
  topic: string;
  at: string;
  data: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isSeq = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** A server frame, or null for anything malformed (ignored rather than trusted). */
export function parseServerMessage(raw: unknown): ServerMessage | null {
  if (typeof raw !== 'string') return null;
  let m: unknown;
  try {
    m = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isObject(m)) return null;
  switch (m.type) {
    case 'hello':
    case 'resync':
      return isSeq(m.seq) ? { type: m.type, seq: m.seq } : null;
    case 'event':
      return isSeq(m.seq) && typeof m.topic === 'string' ? { type: 'event', seq: m.seq, topic: m.topic, at: typeof m.at === 'string' ? m.at : '', data: m.data } : null;
    case 'error':
      return { type: 'error', message: typeof m.message === 'string' ? m.message : 'error' };
    case 'pong':
      return { type: 'pong' };
    default:
      return null;
  }
}

// ---------- sequence bookkeeping ----------

export interface SyncState {
  /** Highest sequence accounted for (applied, buffered, or covered by a reload); null before the first hello. */
  lastSeq: number | null;
  /** A REST reload is in flight: events are kept and applied on top of its result. */
  reloading: boolean;
  pending: readonly TopicEvent[];
}

export const INITIAL_SYNC: SyncState = { lastSeq: null, reloading: false, pending: [] };

/**
 * The server greeted us with its newest sequence. First connection: subscribe from there and load over REST (the
 * reload starts after the subscription, so nothing between the two is lost). Reconnect: ask for what we missed.
 * A hello below our sequence means the gateway restarted (its counter began again): reload.
 */
export function onHello(state: SyncState, helloSeq: number): { state: SyncState; since: number; reload: boolean } {
  if (state.lastSeq === null || helloSeq < state.lastSeq) return { state: { ...state, lastSeq: helloSeq }, since: helloSeq, reload: true };
  return { state, since: state.lastSeq, reload: false };
}

/** The replay buffer no longer reaches back: every event up to `seq` is covered by the reload that must follow. */
export function onResync(state: SyncState, seq: number): SyncState {
  return { ...state, lastSeq: Math.max(seq, state.lastSeq ?? 0) };
}

/**
 * An event: dropped when already seen (replays overlap live delivery); kept while a reload runs when it concerns the
 * reloaded state (`reloadable`: streams, cameras), else applied at once.
 */
export function onEvent(state: SyncState, event: TopicEvent, reloadable = true): { state: SyncState; apply: TopicEvent[] } {
  if (state.lastSeq !== null && event.seq <= state.lastSeq) return { state, apply: [] };
  const next = { ...state, lastSeq: event.seq };
  if (state.reloading && reloadable) return { state: { ...next, pending: [...state.pending, event] }, apply: [] };
  return { state: next, apply: [event] };
}

export function onReloadStart(state: SyncState): SyncState {
  return state.reloading ? state : { ...state, reloading: true, pending: [] };
}

/** The REST answer has been applied (or failed): the events that arrived meanwhile go on top, in order. */
export function onReloadEnd(state: SyncState): { state: SyncState; apply: TopicEvent[] } {
  return { state: { ...state, reloading: false, pending: [] }, apply: [...state.pending] };
}

// ---------- applying events to the snapshot ----------

const PIPELINE_STATES: readonly PipelineState[] = ['starting', 'live', 'reconnecting', 'offline'];
const CAMERA_STATUSES: readonly CameraStatus[] = ['online', 'offline', 'unknown'];
const numOrNull = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const strOrNull = (v: unknown) => (typeof v === 'string' ? v : null);

/**
 * A pipeline status as pushed. `lastFragmentAgeMs` is dropped: it was true at the moment of the state change only,
 * and nothing refreshes it between changes (the tile shows the player's own latency instead).
 */
export function readPipelineStatus(data: unknown): PipelineStatusDto | null {
  if (!isObject(data)) return null;
  const { cameraId, profile, state } = data;
  if (typeof cameraId !== 'string' || (profile !== 'sub' && profile !== 'main') || !PIPELINE_STATES.includes(state as PipelineState)) return null;
  return {
    cameraId,
    profile,
    state: state as PipelineState,
    reasonCode: strOrNull(data.reasonCode),
    reason: strOrNull(data.reason),
    viewers: numOrNull(data.viewers) ?? 0,
    fps: numOrNull(data.fps),
    bitrateBps: numOrNull(data.bitrateBps),
    lastFragmentAgeMs: null,
    restarts: numOrNull(data.restarts) ?? 0,
  };
}

export interface CameraStatusEvent {
  id: string;
  status: CameraStatus;
  reason: string | null;
  since: string | null;
}

export function readCameraStatus(data: unknown): CameraStatusEvent | null {
  if (!isObject(data) || typeof data.id !== 'string' || !CAMERA_STATUSES.includes(data.status as CameraStatus)) return null;
  return { id: data.id, status: data.status as CameraStatus, reason: strOrNull(data.reason), since: strOrNull(data.since) };
}

export function withStreamStatus(prev: GatewaySnapshot, status: PipelineStatusDto): GatewaySnapshot {
  const streams = new Map(prev.streams);
  streams.set(streamKey(status.cameraId, status.profile), status);
  return { ...prev, streams };
}

/** The camera's status changed: one camera object replaced, so only its tree row and tiles re-render. */
export function withCameraStatus(prev: GatewaySnapshot, e: CameraStatusEvent): GatewaySnapshot {
  const current = prev.camerasById.get(e.id);
  if (!current) return prev;
  if (current.status === e.status && current.statusReason === e.reason && current.statusSince === e.since) return prev;
  const updated: CameraDto = { ...current, status: e.status, statusReason: e.reason, statusSince: e.since };
  const camerasById = new Map(prev.camerasById);
  camerasById.set(e.id, updated);
  return { ...prev, cameras: prev.cameras.map((c) => (c.id === e.id ? updated : c)), camerasById };
}

/** `inventoryChanged`: a camera was created, edited or deleted: the camera list needs a reload. */
export type AppliedEvent = { snapshot: GatewaySnapshot; unknownCamera: string | null; inventoryChanged?: boolean };

/** One `streams` or `cameras` event into the snapshot; other topics leave it as it is. */
export function applyTopicEvent(prev: GatewaySnapshot, event: TopicEvent): AppliedEvent {
  if (event.topic === 'streams') {
    // A pipeline that stopped (nobody watching) is gone: its old status must not linger.
    if (isObject(event.data) && event.data.removed === true && typeof event.data.cameraId === 'string' && (event.data.profile === 'sub' || event.data.profile === 'main')) {
      const streams = new Map(prev.streams);
      streams.delete(streamKey(event.data.cameraId, event.data.profile));
      return { snapshot: { ...prev, streams }, unknownCamera: null };
    }
    const status = readPipelineStatus(event.data);
    return { snapshot: status ? withStreamStatus(prev, status) : prev, unknownCamera: null };
  }
  if (event.topic === 'cameras') {
    if (isObject(event.data) && (event.data.kind === 'created' || event.data.kind === 'updated' || event.data.kind === 'deleted')) {
      return { snapshot: prev, unknownCamera: null, inventoryChanged: true };
    }
    const status = readCameraStatus(event.data);
    if (!status) return { snapshot: prev, unknownCamera: null };
    // A camera we have never heard of was added (or came into scope): the inventory needs a reload.
    if (prev.inventoryLoaded && !prev.camerasById.has(status.id)) return { snapshot: prev, unknownCamera: status.id };
    return { snapshot: withCameraStatus(prev, status), unknownCamera: null };
  }
  return { snapshot: prev, unknownCamera: null };
}

// ---------- reconnecting ----------

export const RECONNECT_INITIAL_MS = 1000;
export const RECONNECT_MAX_MS = 30_000;

/** 1 s, 2 s, 4 s … 30 s, each between half and all of that ("equal jitter"), so consoles do not reconnect in step. */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(RECONNECT_MAX_MS, RECONNECT_INITIAL_MS * 2 ** Math.min(16, Math.max(0, Math.floor(attempt))));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(base / 2 + (base / 2) * r);
}

/** `wss://host/api/v1/ws` for an https page, `ws://` otherwise. */
export function webSocketUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/ws`;
}
