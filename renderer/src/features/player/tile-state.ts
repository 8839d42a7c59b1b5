// The truth a tile shows. Two pure parts:
//  - playerReducer: what this tile's own player has observed (progress, errors, 503 bodies, a frozen picture);
//  - deriveTileView: combines that with the gateway's pipeline status and the camera's recorded status.
import type { CameraDto } from '../../../../contracts/src/camera';
import type { PipelineStatusDto } from '../../gateway/gateway-types';

/** `lagging`: playing, but the gateway's output has fallen behind real time (an overloaded transcode). */
export type TileState = 'live' | 'lagging' | 'connecting' | 'reconnecting' | 'offline' | 'empty';
export type PlayerPhase = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'offline';

/** Why a tile is not live: a localised reason of our own, a gateway ingest code, or the gateway's message. */
export type TileReason =
  | { kind: 'local'; code: 'frozen' | 'unsupported' | 'network' | 'media'; detail?: string }
  | { kind: 'gateway'; code: string | null; message: string };

export interface PlayerState {
  phase: PlayerPhase;
  reason: TileReason | null;
  /** Failed attempts since the last progress (drives the backoff). */
  failures: number;
  wasLive: boolean;
  /** hls.js's estimate of the distance to the live edge, seconds. */
  latencySec: number | null;
}

export type PlayerEvent =
  | { type: 'reset' }
  | { type: 'connect' }
  | { type: 'progress'; latencySec: number | null }
  | { type: 'frozen' }
  | { type: 'offline'; reason: TileReason }
  | { type: 'failed'; reason: TileReason }
  | { type: 'recovering'; reason: TileReason }
  /** The stream is still starting (no segment yet, pipeline coming up): not an error, the player retries soon. */
  | { type: 'starting'; detail: string };

export const INITIAL_PLAYER_STATE: PlayerState = { phase: 'idle', reason: null, failures: 0, wasLive: false, latencySec: null };

const roundLatency = (s: number | null) => (s === null || !Number.isFinite(s) || s <= 0 ? null : Math.round(s * 10) / 10);

export function playerReducer(state: PlayerState, event: PlayerEvent): PlayerState {
  switch (event.type) {
    case 'reset':
      return INITIAL_PLAYER_STATE;
    case 'connect':
      // An offline tile keeps saying offline (with its reason) while it quietly retries; no flicker.
      if (state.phase === 'offline' || state.phase === 'reconnecting') return state;
      return { ...state, phase: state.wasLive || state.failures > 0 ? 'reconnecting' : 'connecting' };
    case 'progress': {
      const latencySec = roundLatency(event.latencySec);
      if (state.phase === 'live' && state.latencySec === latencySec) return state;
      return { phase: 'live', reason: null, failures: 0, wasLive: true, latencySec };
    }
    case 'frozen':
      if (state.phase !== 'live') return state;
      return { ...state, phase: 'reconnecting', reason: { kind: 'local', code: 'frozen' }, latencySec: null };
    case 'offline':
      return { ...state, phase: 'offline', reason: event.reason, failures: state.failures + 1, latencySec: null };
    case 'failed':
      return { ...state, phase: 'reconnecting', reason: event.reason, failures: state.failures + 1, latencySec: null };
    case 'recovering':
      return { ...state, phase: 'reconnecting', reason: event.reason, latencySec: null };
    case 'starting':
      // A first start says "connecting" without a reason; a tile that was live or failed keeps what it says.
      if (state.wasLive || state.failures > 0 || state.phase === 'offline') return state;
      return state.phase === 'connecting' && state.reason === null ? state : { ...state, phase: 'connecting', reason: null, latencySec: null };
  }
}

/** A 503 whose body names a pipeline on its way up (first part slow to arrive) means "not yet", not "offline". */
export function isStillComing(state: string | null): boolean {
  return state === 'starting' || state === 'reconnecting' || state === 'live' || state === 'lagging';
}

export interface TileView {
  state: TileState;
  reason: TileReason | null;
  latencySec: number | null;
  lastFrameAgeMs: number | null;
  /** Seconds the gateway's output is behind real time, when lagging. */
  lagSec?: number | null;
}

function pipelineReason(p: PipelineStatusDto): TileReason | null {
  return p.reason ? { kind: 'gateway', code: p.reasonCode ?? null, message: p.reason } : null;
}

/**
 * The rules, in order:
 *  - no camera: empty;
 *  - the gateway says the pipeline is offline: offline, whatever the player still has buffered;
 *  - the gateway says it is reconnecting to the camera: reconnecting;
 *  - the player sees the picture advancing: live (lagging when the gateway says its output is behind real time);
 *  - the player got an offline answer (503): offline, unless the gateway now reports the pipeline starting/live;
 *  - the camera is recorded offline and our attempts keep failing: offline with the recorded reason;
 *  - otherwise connecting / reconnecting as the player says.
 */
export function deriveTileView(cameraId: string | null, player: PlayerState, pipeline: PipelineStatusDto | undefined, camera: CameraDto | undefined): TileView {
  const lastFrameAgeMs = pipeline?.lastFragmentAgeMs ?? null;
  const view = (state: TileState, reason: TileReason | null = null): TileView => ({ state, reason, latencySec: state === 'live' ? player.latencySec : null, lastFrameAgeMs });
  if (!cameraId) return { state: 'empty', reason: null, latencySec: null, lastFrameAgeMs: null };
  if (pipeline?.state === 'offline') return view('offline', pipelineReason(pipeline) ?? player.reason);
  if (pipeline?.state === 'reconnecting') return view('reconnecting', pipelineReason(pipeline));
  switch (player.phase) {
    case 'live':
      // The picture moves, but what it shows is seconds old: say so instead of "live".
      if (pipeline?.state === 'lagging') return { ...view('lagging'), lagSec: pipeline.lagSec ?? null };
      return view('live');
    case 'offline':
      if (pipeline?.state === 'starting') return view('connecting');
      if (pipeline?.state === 'live' || pipeline?.state === 'lagging') return view('reconnecting', player.reason);
      return view('offline', player.reason);
    case 'idle':
    case 'connecting':
    case 'reconnecting': {
      if (!pipeline && camera?.status === 'offline' && player.failures > 0) {
        const recorded: TileReason | null = camera.statusReason ? { kind: 'gateway', code: camera.statusReasonCode, message: camera.statusReason } : player.reason;
        return view('offline', recorded);
      }
      return view(player.phase === 'reconnecting' ? 'reconnecting' : 'connecting', player.reason);
    }
  }
}
