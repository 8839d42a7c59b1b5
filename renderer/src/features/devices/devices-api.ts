// The gateway calls of the devices and health pages: discovery scans, camera registration / edit / stream test /
// RTMP key, CSV import, and the health figures, through the shared request function (gateway/http.ts); errors keep
// the gateway's `details` (per-stream test results on 422, the existing camera on 409, the import report on 422).
import type { CameraStatusHistory } from '../../../../contracts/src/camera-status-history';
import type { CameraDto, CameraListQuery, CameraImportReport, RtmpPublishInfo, StreamTestResult, CameraCreateResponse, RtspTransport } from '../../../../contracts/src/camera';
import type { DiscoveryCredential, DiscoveryScanCreated, DiscoveryScanDto, DiscoveryScanSummary } from '../../../../contracts/src/discovery';
import { demoFleetSchema, type DemoFleetInfo } from '../../../../contracts/src/client-config';
import { httpFor, type FetchLike } from '../../gateway/http';
import type { CameraCreateBody } from './camera-form';
import type { AvailabilityReport, HealthSummary, OfflineCamera, SweepReport } from './health-format';

export interface DevicesApi {
  startScan(ranges: string[], credentials: DiscoveryCredential[], windowMs?: number): Promise<DiscoveryScanCreated>;
  getScan(id: string): Promise<DiscoveryScanDto>;
  /** The recent scans this user may see (theirs and their scope's), newest first. */
  listScans(): Promise<DiscoveryScanSummary[]>;
  cancelScan(id: string): Promise<void>;
  getCamera(id: string): Promise<CameraDto>;
  createCamera(body: CameraCreateBody, force?: boolean): Promise<CameraCreateResponse>;
  updateCamera(id: string, patch: Record<string, unknown>, force?: boolean): Promise<CameraDto>;
  testStream(url: string, username: string | null, password: string | null, rtspTransport?: RtspTransport): Promise<StreamTestResult>;
  testCameraStream(cameraId: string, profile: 'main' | 'sub'): Promise<StreamTestResult>;
  rotateRtmpKey(cameraId: string): Promise<RtmpPublishInfo>;
  importDryRun(csv: string): Promise<CameraImportReport>;
  importCommit(csv: string, confirmRows: number[]): Promise<CameraImportReport>;
  healthSummary(): Promise<HealthSummary>;
  healthOffline(limit?: number): Promise<OfflineCamera[]>;
  healthAvailability(days: number): Promise<AvailabilityReport>;
  healthSweep(): Promise<SweepReport>;
  /** The demo fleet `npm start` runs beside the gateway (a scan suggestion), or null. */
  demoFleet(): Promise<DemoFleetInfo>;
  // Camera management at scale (issue 13): one sorted, filtered page of the inventory, and a camera's status history.
  listCameras(query: Partial<CameraListQuery>): Promise<{ items: CameraDto[]; total: number }>;
  statusHistory(cameraId: string, from: number, to: number): Promise<CameraStatusHistory>;
}

/** `demoFleet` of the client config; anything malformed or absent reads as "no demo fleet". */
export function readDemoFleet(raw: unknown): DemoFleetInfo {
  const parsed = demoFleetSchema.safeParse(typeof raw === 'object' && raw !== null ? (raw as { demoFleet?: unknown }).demoFleet ?? null : null);
  return parsed.success ? parsed.data : null;
}

export const EXPORT_CSV_URL = '/api/v1/cameras/export.csv';
export const availabilityCsvUrl = (days: number) => `/api/v1/health/availability?days=${days}&format=csv`;

const enc = encodeURIComponent;
const queryString = (query: Record<string, unknown>) =>
  new URLSearchParams(Object.entries(query).flatMap(([k, v]) => (v === undefined || v === null || v === '' ? [] : [[k, String(v)]]))).toString();

export function createDevicesApi(doFetch?: FetchLike): DevicesApi {
  const http = httpFor(doFetch);
  // no-store: health figures and scan progress are polled and must never come from the HTTP cache.
  const json = <T>(method: string, path: string, body?: unknown): Promise<T> => http.json<T>(method, path, { body, cache: 'no-store' });
  const flag = (force?: boolean) => (force ? '?force=true' : '');
  return {
    startScan: (ranges, credentials, windowMs = 2000) => json('POST', '/api/v1/discovery/scans', { mode: 'unicast', ranges, credentials, windowMs }),
    getScan: (id) => json('GET', `/api/v1/discovery/scans/${enc(id)}`),
    listScans: () => json('GET', '/api/v1/discovery/scans'),
    cancelScan: (id) => json('DELETE', `/api/v1/discovery/scans/${enc(id)}`),
    getCamera: (id) => json('GET', `/api/v1/cameras/${enc(id)}`),
    createCamera: (body, force) => json('POST', `/api/v1/cameras${flag(force)}`, body),
    updateCamera: (id, patch, force) => json('PATCH', `/api/v1/cameras/${enc(id)}${flag(force)}`, patch),
    testStream: (url, username, password, rtspTransport = 'auto') => json('POST', '/api/v1/cameras/test-stream', { url, username, password, rtspTransport }),
    testCameraStream: (cameraId, profile) => json('POST', '/api/v1/cameras/test-stream', { cameraId, profile }),
    rotateRtmpKey: (cameraId) => json('POST', `/api/v1/cameras/${enc(cameraId)}/rtmp-key`),
    importDryRun: (csv) => json('POST', '/api/v1/cameras/import?dryRun=true', { csv }),
    importCommit: (csv, confirmRows) => json('POST', '/api/v1/cameras/import', { csv, confirmRows }),
    healthSummary: () => json('GET', '/api/v1/health/summary'),
    healthOffline: async (limit = 50) => (await json<{ items: OfflineCamera[] }>('GET', `/api/v1/health/offline?limit=${limit}`)).items,
    healthAvailability: (days) => json('GET', `/api/v1/health/availability?days=${days}`),
    healthSweep: () => json('POST', '/api/v1/health/sweep'),
    demoFleet: async () => readDemoFleet(await json<unknown>('GET', '/api/v1/client-config')),
    listCameras: (query) => json('GET', `/api/v1/cameras?${queryString(query)}`),
    statusHistory: (cameraId, from, to) => json('GET', `/api/v1/cameras/${enc(cameraId)}/status-history?from=${enc(new Date(from).toISOString())}&to=${enc(new Date(to).toISOString())}`),
  };
}
