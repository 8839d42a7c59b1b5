// Typed REST client for the gateway. Same origin; the session is the HttpOnly cookie set by POST /session.
import type { AlarmDetailDto, AlarmDto, AlarmListResponse, AlarmRuleCreate, AlarmRuleDto } from '../../../contracts/src/alarm';
import type { LiveUrlResponse, LoginResponse, SessionUserDto } from '../../../contracts/src/auth';
import type { CameraDto, CameraListQuery, StreamProfile } from '../../../contracts/src/camera';
import type { VideoRequest } from '../../../contracts/src/stream-status';
import type { LayoutCreate, LayoutDto, LayoutUpdate, TourCreate, TourDto, WallCommand } from '../../../contracts/src/layout';
import type { OrgUnit } from '../../../contracts/src/org-unit';
import { createHttp, type FetchLike } from './http';
import type { AlarmListParams, CameraListResponse, ListResponse, LiveUrl, PipelineStatusDto, WallDto, WallStateDto } from './gateway-types';

export type { FetchLike } from './http';

export interface GatewayClientOptions {
  fetch?: FetchLike;
  /** Prefix for API paths; '' means same origin. */
  baseUrl?: string;
  /** Called on any 401 except the session calls (the session is gone); default: the app-wide handler in http.ts. */
  onUnauthorized?: () => void;
  now?: () => number;
}

export interface GatewayClient {
  login(username: string, password: string): Promise<LoginResponse>;
  getSession(): Promise<SessionUserDto>;
  logout(): Promise<void>;
  listOrgUnits(): Promise<OrgUnit[]>;
  listCameras(query?: Partial<CameraListQuery>): Promise<CameraListResponse<CameraDto>>;
  /** Every camera the user may see, following pagination. */
  listAllCameras(): Promise<CameraDto[]>;
  /** `video=original` when this console decodes the camera's codec (H.265 passthrough; see features/player/codec-support). */
  getLiveUrl(cameraId: string, profile: StreamProfile, video?: VideoRequest): Promise<LiveUrl>;
  listStreams(): Promise<PipelineStatusDto[]>;
  /** Try a camera again after the gateway stopped retrying it (auth failed): its pipelines start afresh. */
  retryCamera(cameraId: string): Promise<void>;
  /** Named layouts: the user's own and those shared with everyone. */
  listLayouts(): Promise<LayoutDto[]>;
  getLayout(id: string): Promise<LayoutDto>;
  createLayout(layout: LayoutCreate): Promise<LayoutDto>;
  updateLayout(id: string, patch: LayoutUpdate): Promise<LayoutDto>;
  deleteLayout(id: string): Promise<void>;
  listTours(): Promise<TourDto[]>;
  createTour(tour: TourCreate): Promise<TourDto>;
  updateTour(id: string, tour: TourCreate): Promise<TourDto>;
  deleteTour(id: string): Promise<void>;
  listWalls(): Promise<WallDto[]>;
  saveWall(id: string, wall: { name: string; layoutId: string | null }): Promise<WallDto>;
  sendWallCommand(wallId: string, command: WallCommand): Promise<{ seq: number }>;
  /** A JPEG of the camera's newest keyframe (audited by the gateway). */
  getSnapshot(cameraId: string, profile: StreamProfile): Promise<Blob>;
  /** What a wall page shows at start: its stored layout and running tour. */
  getWallState(wallId: string): Promise<WallStateDto>;
  // ---- alarms (告警) ----
  listAlarms(params?: AlarmListParams): Promise<AlarmListResponse>;
  getAlarm(id: string): Promise<AlarmDetailDto>;
  /** The JPEG taken when the alarm was raised (404 while there is none). */
  getAlarmSnapshot(id: string): Promise<Blob>;
  acknowledgeAlarm(id: string, note?: string): Promise<AlarmDto>;
  assignAlarm(id: string, userId: string, note?: string): Promise<AlarmDto>;
  dismissAlarm(id: string, reason: string): Promise<AlarmDto>;
  resolveAlarm(id: string, note?: string): Promise<AlarmDto>;
  /** Creates (or, retried with the same clientRequestId, returns) the incident for an alarm. */
  incidentFromAlarm(alarmId: string, body: { clientRequestId: string; category: string }): Promise<{ id: string }>;
  /** Users the caller may administer (user.manage only). */
  listUsers(): Promise<SessionUserDto[]>;
  /** Users this alarm may be assigned to (allowed to act, scope covering the alarm). */
  listAlarmAssignees(alarmId: string): Promise<SessionUserDto[]>;
  listAlarmRules(): Promise<AlarmRuleDto[]>;
  createAlarmRule(rule: AlarmRuleCreate): Promise<AlarmRuleDto>;
  updateAlarmRule(id: string, rule: AlarmRuleCreate): Promise<AlarmRuleDto>;
  deleteAlarmRule(id: string): Promise<void>;
}

const PAGE = 2000;
const enc = encodeURIComponent;

export function createGatewayClient(options: GatewayClientOptions = {}): GatewayClient {
  const http = createHttp(options);
  const now = options.now ?? Date.now;
  const request = (method: string, path: string, body?: unknown, opts: { quiet401?: boolean } = {}) => http.request(method, path, { body, ...opts });
  const json = <T>(method: string, path: string, body?: unknown, opts: { quiet401?: boolean } = {}) => http.json<T>(method, path, { body, ...opts });

  async function listCameras(query: Partial<CameraListQuery> = {}): Promise<CameraListResponse<CameraDto>> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
    const qs = params.toString();
    return json<CameraListResponse<CameraDto>>('GET', `/api/v1/cameras${qs ? `?${qs}` : ''}`);
  }

  return {
    login: (username, password) => json<LoginResponse>('POST', '/api/v1/session', { username, password }, { quiet401: true }),
    getSession: async () => (await json<{ user: SessionUserDto }>('GET', '/api/v1/session', undefined, { quiet401: true })).user,
    logout: async () => {
      await request('DELETE', '/api/v1/session', undefined, { quiet401: true });
    },
    listOrgUnits: async () => (await json<ListResponse<OrgUnit>>('GET', '/api/v1/org-units')).items,
    listCameras,
    listAllCameras: async () => {
      const all: CameraDto[] = [];
      for (let offset = 0; ; offset += PAGE) {
        const page = await listCameras({ limit: PAGE, offset });
        all.push(...page.items);
        if (page.items.length < PAGE || all.length >= page.total) return all;
      }
    },
    getLiveUrl: async (cameraId, profile, video = 'compatible') => {
      const original = video === 'original' ? '&video=original' : '';
      const response = await request('GET', `/api/v1/cameras/${encodeURIComponent(cameraId)}/live?profile=${profile}${original}`);
      const receivedAtMs = now();
      const body = (await response.json()) as LiveUrlResponse;
      const date = Date.parse(response.headers.get('date') ?? '');
      return { url: body.url, expiresAt: body.expiresAt, serverDateMs: Number.isFinite(date) ? date : null, receivedAtMs };
    },
    listStreams: async () => (await json<ListResponse<PipelineStatusDto>>('GET', '/api/v1/streams')).items,
    retryCamera: async (cameraId) => {
      await request('POST', `/api/v1/cameras/${enc(cameraId)}/retry`);
    },
    listLayouts: async () => (await json<ListResponse<LayoutDto>>('GET', '/api/v1/layouts')).items,
    getLayout: (id) => json<LayoutDto>('GET', `/api/v1/layouts/${enc(id)}`),
    createLayout: (layout) => json<LayoutDto>('POST', '/api/v1/layouts', layout),
    updateLayout: (id, patch) => json<LayoutDto>('PATCH', `/api/v1/layouts/${enc(id)}`, patch),
    deleteLayout: async (id) => {
      await request('DELETE', `/api/v1/layouts/${enc(id)}`);
    },
    listTours: async () => (await json<ListResponse<TourDto>>('GET', '/api/v1/tours')).items,
    createTour: (tour) => json<TourDto>('POST', '/api/v1/tours', tour),
    updateTour: (id, tour) => json<TourDto>('PUT', `/api/v1/tours/${enc(id)}`, tour),
    deleteTour: async (id) => {
      await request('DELETE', `/api/v1/tours/${enc(id)}`);
    },
    listWalls: async () => (await json<ListResponse<WallDto>>('GET', '/api/v1/walls')).items,
    saveWall: (id, wall) => json<WallDto>('PUT', `/api/v1/walls/${enc(id)}`, wall),
    sendWallCommand: (wallId, command) => json<{ seq: number }>('POST', `/api/v1/walls/${enc(wallId)}/commands`, command),
    getSnapshot: async (cameraId, profile) => (await request('GET', `/api/v1/cameras/${enc(cameraId)}/snapshot?profile=${profile}`)).blob(),
    getWallState: (wallId) => json<WallStateDto>('GET', `/api/v1/walls/${enc(wallId)}/state`),
    listAlarms: (params = {}) => {
      const q = new URLSearchParams();
      for (const [key, value] of Object.entries(params)) {
        if (value === undefined || value === null || value === '') continue;
        q.set(key, Array.isArray(value) ? value.join(',') : String(value));
      }
      const qs = q.toString();
      return json<AlarmListResponse>('GET', `/api/v1/alarms${qs ? `?${qs}` : ''}`);
    },
    getAlarm: (id) => json<AlarmDetailDto>('GET', `/api/v1/alarms/${enc(id)}`),
    getAlarmSnapshot: async (id) => (await request('GET', `/api/v1/alarms/${enc(id)}/snapshot`)).blob(),
    acknowledgeAlarm: (id, note) => json<AlarmDto>('POST', `/api/v1/alarms/${enc(id)}/ack`, note ? { note } : {}),
    assignAlarm: (id, userId, note) => json<AlarmDto>('POST', `/api/v1/alarms/${enc(id)}/assign`, note ? { userId, note } : { userId }),
    dismissAlarm: (id, reason) => json<AlarmDto>('POST', `/api/v1/alarms/${enc(id)}/dismiss`, { reason }),
    resolveAlarm: (id, note) => json<AlarmDto>('POST', `/api/v1/alarms/${enc(id)}/resolve`, note ? { note } : {}),
    incidentFromAlarm: (alarmId, body) => json<{ id: string }>('POST', `/api/v1/incidents/from-alarm/${enc(alarmId)}`, body),
    listUsers: async () => (await json<ListResponse<SessionUserDto>>('GET', '/api/v1/users')).items,
    listAlarmAssignees: async (alarmId) => (await json<ListResponse<SessionUserDto>>('GET', `/api/v1/alarms/${enc(alarmId)}/assignees`)).items,
    listAlarmRules: async () => (await json<ListResponse<AlarmRuleDto>>('GET', '/api/v1/alarm-rules')).items,
    createAlarmRule: (rule) => json<AlarmRuleDto>('POST', '/api/v1/alarm-rules', rule),
    updateAlarmRule: (id, rule) => json<AlarmRuleDto>('PUT', `/api/v1/alarm-rules/${enc(id)}`, rule),
    deleteAlarmRule: async (id) => {
      await request('DELETE', `/api/v1/alarm-rules/${enc(id)}`);
    },
  };
}
