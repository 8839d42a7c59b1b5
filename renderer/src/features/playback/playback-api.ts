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
  /** The clip of an alarm (404 when its camera has no plan or is out of scope). */
  alarmClip(alarmId: string): Promise<AlarmClip>;
  /** An evidence export: the MP4 made on the gateway, its hash and where it downloads. */
  exportClip(cameraId: string, body: ExportBody): Promise<ClipExport>;
  /** The export's file with the session's credentials, and the name the gateway gives it. */
  downloadExport(url: string): Promise<{ blob: Blob; fileName: string }>;
  /** Alarms raised on the camera in [fromMs, toMs) (the timeline's markers), newest first, at most 200. */
  cameraAlarms(cameraId: string, fromMs: number, toMs: number): Promise<TimelineAlarm[]>;
}

export interface TimelineAlarm {
  id: string;
  atMs: number;
  type: string;
  severity: string;
}

export type ClipState = 'recording' | 'ready' | 'missing';

export interface AlarmClip {
  alarmId: string;
  cameraId: string;
  profile: PlaybackProfile;
  startMs: number;
  endMs: number;
  state: ClipState;
  recordedMs: number;
  /** Where its recording begins (later than its start when the pre-event seconds were not recorded), or null. */
  firstRecordedMs: number | null;
}

export interface ExportBody {
  from: string;
  to: string;
  reason: string;
  profile: PlaybackProfile;
}

export interface ClipExport {
  id: string;
  startMs: number;
  endMs: number;
  bytes: number;
  sha256: string;
  url: string;
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

/** The file name of a Content-Disposition attachment (the gateway's is ASCII and quoted); a fallback without one. */
export function dispositionFileName(header: string | null, fallback: string): string {
  const m = /filename="?([^";]+)"?/i.exec(header ?? '');
  return m?.[1]?.trim() || fallback;
}

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
    alarmClip: async (alarmId) => {
      const r = await json<IsoRange & Omit<AlarmClip, 'startMs' | 'endMs' | 'firstRecordedMs'> & { ranges: IsoRange[] }>('GET', `/api/v1/alarms/${enc(alarmId)}/clip`);
      const first = r.ranges[0];
      return { alarmId: r.alarmId, cameraId: r.cameraId, profile: r.profile, state: r.state, recordedMs: r.recordedMs, ...toRange(r), firstRecordedMs: first ? Date.parse(first.start) : null };
    },
    exportClip: async (cameraId, body) => {
      const r = await json<IsoRange & Omit<ClipExport, 'startMs' | 'endMs'>>('POST', `/api/v1/cameras/${enc(cameraId)}/exports`, body);
      return { id: r.id, bytes: r.bytes, sha256: r.sha256, url: r.url, ...toRange(r) };
    },
    cameraAlarms: async (cameraId, fromMs, toMs) => {
      const r = await json<{ items: Array<{ id: string; type: string; severity: string; firstAt: string }> }>('GET', `/api/v1/alarms?cameraId=${enc(cameraId)}&from=${iso(fromMs)}&to=${iso(toMs)}&limit=200`);
      return r.items.map((a) => ({ id: a.id, atMs: Date.parse(a.firstAt), type: a.type, severity: a.severity }));
    },
    downloadExport: async (url) => {
      const response = await http.request('GET', url, { cache: 'no-store' });
      return { blob: await response.blob(), fileName: dispositionFileName(response.headers.get('content-disposition'), 'export.mp4') };
    },
  };
}
