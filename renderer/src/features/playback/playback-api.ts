// The gateway calls of playback and the recording plan (issue 14), through the shared request function.
import { httpFor, type FetchLike } from '../../gateway/http';
import type { RecordingPlan, RecordingPlanResponse } from './recording-plan-form';
import type { TimeRange } from './timeline-geometry';

export type PlaybackProfile = 'main' | 'sub';

export interface RecordedRanges {
  ranges: TimeRange[];
  gaps: TimeRange[];
}

export interface PlaybackUrl {
  url: string;
  startMs: number;
  endMs: number;
  expiresAtMs: number;
}

export interface PlaybackApi {
  recordings(cameraId: string, fromMs: number, toMs: number, profile: PlaybackProfile): Promise<RecordedRanges>;
  playbackUrl(cameraId: string, fromMs: number, toMs: number, profile: PlaybackProfile): Promise<PlaybackUrl>;
  getPlan(cameraId: string): Promise<RecordingPlanResponse>;
  putPlan(cameraId: string, plan: RecordingPlan): Promise<RecordingPlanResponse>;
  /** Every camera in scope with a plan: its mode, the profile it records, its state. */
  recordingStatus(): Promise<RecordingStatusItem[]>;
}

export interface RecordingStatusItem {
  cameraId: string;
  mode: string;
  profile: PlaybackProfile | null;
  state: string;
  reasonCode: string | null;
}

interface IsoRange {
  start: string;
  end: string;
}

const enc = encodeURIComponent;
const iso = (ms: number) => enc(new Date(ms).toISOString());
const toRange = (r: IsoRange): TimeRange => ({ startMs: Date.parse(r.start), endMs: Date.parse(r.end) });

export function createPlaybackApi(doFetch?: FetchLike): PlaybackApi {
  const http = httpFor(doFetch);
  // no-store: ranges grow while a camera records, and every playback URL is a new token.
  const json = <T>(method: string, path: string, body?: unknown): Promise<T> => http.json<T>(method, path, { body, cache: 'no-store' });
  return {
    recordings: async (cameraId, fromMs, toMs, profile) => {
      const r = await json<{ ranges: IsoRange[]; gaps: IsoRange[] }>('GET', `/api/v1/cameras/${enc(cameraId)}/recordings?from=${iso(fromMs)}&to=${iso(toMs)}&profile=${profile}`);
      return { ranges: r.ranges.map(toRange), gaps: r.gaps.map(toRange) };
    },
    playbackUrl: async (cameraId, fromMs, toMs, profile) => {
      const r = await json<{ url: string; start: string; end: string; expiresAt: string }>('GET', `/api/v1/cameras/${enc(cameraId)}/playback?start=${iso(fromMs)}&end=${iso(toMs)}&profile=${profile}`);
      return { url: r.url, startMs: Date.parse(r.start), endMs: Date.parse(r.end), expiresAtMs: Date.parse(r.expiresAt) };
    },
    getPlan: (cameraId) => json('GET', `/api/v1/cameras/${enc(cameraId)}/recording-plan`),
    putPlan: (cameraId, plan) => json('PUT', `/api/v1/cameras/${enc(cameraId)}/recording-plan`, plan),
    recordingStatus: async () => (await json<{ items: RecordingStatusItem[] }>('GET', '/api/v1/recordings/status')).items,
  };
}
