// Pure parts of the WebSocket topic store: reading server messages, the sequence bookkeeping that makes a
// reconnect lose nothing and apply nothing twice, applying `streams`/`cameras` events to the snapshot, and the
// reconnect delay. No sockets or timers here, so every rule is unit-tested.
import type { CameraDto, CameraStatus, StreamProfile } from '../../../contracts/src/camera';
import type { CameraInventoryTopicEvent, CameraStatusTopicEvent, ServerMessage } from '../../../contracts/src/realtime';
import { RECEIVED_AUDIO_CODECS, type CameraReasonCode, type StreamVideo } from '../../../contracts/src/stream-status';
import { isReasonCode } from '../i18n/reason-strings';
import type { GatewaySnapshot } from './gateway-store';
import { streamKey, type PipelineState, type PipelineStatusDto } from './gateway-types';

/**
 * An event as it arrived: the envelope is checked, the payload is not yet — each topic's reader checks it against the
 * topic's payload type (contracts TopicPayloads) before anything uses it.
 */
export interface TopicEvent {
  seq: number;
  topic: string;
  at: string;
  data: unknown;
}

/** A server frame as it arrived: as ServerMessage, with an event's payload still to be read. */
export type ReceivedMessage = Exclude<ServerMessage, { type: 'event' }> | ({ type: 'event' } & TopicEvent);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isSeq = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** A server frame, or null for anything malformed (ignored rather than trusted). */
export function parseServerMessage(raw: unknown): ReceivedMessage | null {
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

const PIPELINE_STATES: readonly PipelineState[] = ['starting', 'live', 'lagging', 'reconnecting', 'offline'];
const videoOf = (v: unknown): StreamVideo => (v === 'transcode' ? 'transcode' : 'copy');
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
    video: videoOf(data.video),
    lagSec: numOrNull(data.lagSec),
    ...readAudio(data.audio),
  };
}

/** A stream's audio (`{ received, delivered: 'aac', codec }`); anything else is treated as no audio. */
function readAudio(audio: unknown): Pick<PipelineStatusDto, 'audio'> {
  if (!isObject(audio) || audio.delivered !== 'aac' || typeof audio.codec !== 'string') return {};
  const received = RECEIVED_AUDIO_CODECS.find((c) => c === audio.received) ?? null;
  return { audio: { received, delivered: 'aac', codec: audio.codec } };
}

export interface CameraStatusEvent {
  id: string;
  status: CameraStatus;
  reasonCode: CameraReasonCode | null;
  reason: string | null;
  since: string | null;
}

export function readCameraStatus(data: unknown): CameraStatusEvent | null {
  if (!isObject(data) || typeof data.id !== 'string' || !CAMERA_STATUSES.includes(data.status as CameraStatus)) return null;
  const reasonCode = typeof data.reasonCode === 'string' && isReasonCode(data.reasonCode) ? data.reasonCode : null;
  return { id: data.id, status: data.status as CameraStatus, reasonCode, reason: strOrNull(data.reason), since: strOrNull(data.since) };
}

/** A `streams` payload (contracts StreamsTopicEvent) as the console reads it, told apart by `kind`. */
export type StreamsEvent = { kind: 'status'; status: PipelineStatusDto } | { kind: 'removed'; cameraId: string; profile: StreamProfile; video: StreamVideo };

/** A `cameras` payload (contracts CamerasTopicEvent) as the console reads it, told apart by `kind`. */
export type CamerasEvent = { kind: CameraStatusTopicEvent['kind']; status: CameraStatusEvent } | { kind: CameraInventoryTopicEvent['kind']; id: string };

/** The snapshot topics' events, read and checked: a union on `topic`, then on the payload's `kind`. */
export type SnapshotEvent = { topic: 'streams'; data: StreamsEvent } | { topic: 'cameras'; data: CamerasEvent };

const isProfile = (v: unknown): v is StreamProfile => v === 'sub' || v === 'main';
const INVENTORY_KINDS: readonly unknown[] = ['created', 'updated', 'deleted'] satisfies CameraInventoryTopicEvent['kind'][];

export function readStreamsEvent(data: unknown): StreamsEvent | null {
  if (!isObject(data)) return null;
  switch (data.kind) {
    case 'status': {
      const status = readPipelineStatus(data);
      return status ? { kind: 'status', status } : null;
    }
    case 'removed':
      return typeof data.cameraId === 'string' && isProfile(data.profile) ? { kind: 'removed', cameraId: data.cameraId, profile: data.profile, video: videoOf(data.video) } : null;
    default:
      return null;
  }
}

export function readCamerasEvent(data: unknown): CamerasEvent | null {
  if (!isObject(data)) return null;
  if (data.kind === 'status') {
    const status = readCameraStatus(data);
    return status ? { kind: 'status', status } : null;
  }
  if (INVENTORY_KINDS.includes(data.kind) && typeof data.id === 'string') return { kind: data.kind as CameraInventoryTopicEvent['kind'], id: data.id };
  return null;
}

/** A `streams` or `cameras` event with its payload checked; null for other topics and for malformed payloads. */
export function readSnapshotEvent(event: TopicEvent): SnapshotEvent | null {
  if (event.topic === 'streams') {
    const data = readStreamsEvent(event.data);
    return data ? { topic: 'streams', data } : null;
  }
  if (event.topic === 'cameras') {
    const data = readCamerasEvent(event.data);
    return data ? { topic: 'cameras', data } : null;
  }
  return null;
}

export function withStreamStatus(prev: GatewaySnapshot, status: PipelineStatusDto): GatewaySnapshot {
  const streams = new Map(prev.streams);
  streams.set(streamKey(status.cameraId, status.profile, status.video), status);
  return { ...prev, streams };
}

/** The camera's status changed: one camera object replaced, so only its tree row and tiles re-render. */
export function withCameraStatus(prev: GatewaySnapshot, e: CameraStatusEvent): GatewaySnapshot {
  const current = prev.camerasById.get(e.id);
  if (!current) return prev;
  if (current.status === e.status && current.statusReasonCode === e.reasonCode && current.statusReason === e.reason && current.statusSince === e.since) return prev;
  const updated: CameraDto = { ...current, status: e.status, statusReasonCode: e.reasonCode, statusReason: e.reason, statusSince: e.since };
  const camerasById = new Map(prev.camerasById);
  camerasById.set(e.id, updated);
  return { ...prev, cameras: prev.cameras.map((c) => (c.id === e.id ? updated : c)), camerasById };
}

/** `inventoryChanged`: a camera was created, edited or deleted: the camera list needs a reload. */
export type AppliedEvent = { snapshot: GatewaySnapshot; unknownCamera: string | null; inventoryChanged?: boolean };

/** One `streams` or `cameras` event into the snapshot; other topics (and malformed payloads) leave it as it is. */
export function applyTopicEvent(prev: GatewaySnapshot, event: TopicEvent): AppliedEvent {
  const e = readSnapshotEvent(event);
  if (!e) return { snapshot: prev, unknownCamera: null };
  if (e.topic === 'streams') {
    switch (e.data.kind) {
      case 'status':
        return { snapshot: withStreamStatus(prev, e.data.status), unknownCamera: null };
      case 'removed': {
        // A pipeline that stopped (nobody watching) is gone: its old status must not linger.
        const streams = new Map(prev.streams);
        streams.delete(streamKey(e.data.cameraId, e.data.profile, e.data.video));
        return { snapshot: { ...prev, streams }, unknownCamera: null };
      }
    }
  }
  switch (e.data.kind) {
    case 'status': {
      const status = e.data.status;
      // A camera we have never heard of was added (or came into scope): the inventory needs a reload.
      if (prev.inventoryLoaded && !prev.camerasById.has(status.id)) return { snapshot: prev, unknownCamera: status.id };
      return { snapshot: withCameraStatus(prev, status), unknownCamera: null };
    }
    case 'created':
    case 'updated':
    case 'deleted':
      return { snapshot: prev, unknownCamera: null, inventoryChanged: true };
  }
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
