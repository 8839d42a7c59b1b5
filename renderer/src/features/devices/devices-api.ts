// The gateway calls of the devices and health pages: discovery scans, camera registration / edit / stream test /
// RTMP key, CSV import, and the health figures. Same origin and cookie session like gateway/gateway-client.ts, but
// errors keep the gateway's `details` (per-stream test results on 422, the existing camera on 409, the import
// report on 422).
import type { CameraDto, CameraImportReport, RtmpPublishInfo, StreamTestResult, CameraCreateResponse } from '../../../../contracts/src/camera';
import type { DiscoveryCredential, DiscoveryScanCreated, DiscoveryScanDto } from '../../../../contracts/src/discovery';
import { GatewayError, toGatewayError } from '../../gateway/gateway-error';
import type { FetchLike } from '../../gateway/gateway-client';
import type { CameraCreateBody } from './camera-form';
import type { AvailabilityReport, HealthSummary, OfflineCamera, SweepReport } from './health-format';

/** A gateway error with the body's `details`. */
export class DevicesApiError extends GatewayError {
  constructor(status: number, code: string, message: string, readonly details: unknown) {
    super(status, code, message);
    this.name = 'DevicesApiError';
  }
}

export function readApiError(status: number, text: string, statusText = ''): DevicesApiError {
  const raw = text.trim();
  if (raw.startsWith('{')) {
    try {
      const body = JSON.parse(raw) as { error?: unknown; message?: unknown; details?: unknown };
      const code = typeof body.error === 'string' ? body.error : `http_${status}`;
      return new DevicesApiError(status, code, typeof body.message === 'string' && body.message ? body.message : code, body.details ?? null);
    } catch {
      // fall through
    }
  }
  return new DevicesApiError(status, `http_${status}`, raw && raw.length <= 200 && !raw.startsWith('<') ? raw : statusText || `HTTP ${status}`, null);
}

export interface DevicesApi {
  startScan(ranges: string[], credentials: DiscoveryCredential[], windowMs?: number): Promise<DiscoveryScanCreated>;
  getScan(id: string): Promise<DiscoveryScanDto>;
  cancelScan(id: string): Promise<void>;
  getCamera(id: string): Promise<CameraDto>;
  createCamera(body: CameraCreateBody, force?: boolean): Promise<CameraCreateResponse>;
  updateCamera(id: string, patch: Record<string, unknown>, force?: boolean): Promise<CameraDto>;
  testStream(url: string, username: string | null, password: string | null): Promise<StreamTestResult>;
  testCameraStream(cameraId: string, profile: 'main' | 'sub'): Promise<StreamTestResult>;
  rotateRtmpKey(cameraId: string): Promise<RtmpPublishInfo>;
  importDryRun(csv: string): Promise<CameraImportReport>;
  importCommit(csv: string, confirmRows: number[]): Promise<CameraImportReport>;
  healthSummary(): Promise<HealthSummary>;
  healthOffline(limit?: number): Promise<OfflineCamera[]>;
  healthAvailability(days: number): Promise<AvailabilityReport>;
  healthSweep(): Promise<SweepReport>;
}

export const EXPORT_CSV_URL = '/api/v1/cameras/export.csv';
export const availabilityCsvUrl = (days: number) => `/api/v1/health/availability?days=${days}&format=csv`;

const enc = encodeURIComponent;

export function createDevicesApi(doFetch: FetchLike = (input, init) => fetch(input, init)): DevicesApi {
  async function json<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await doFetch(path, {
        method,
        credentials: 'same-origin',
        cache: 'no-store',
        headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw toGatewayError(error);
    }
    if (!response.ok) throw readApiError(response.status, await response.text().catch(() => ''), response.statusText);
    if (response.status === 204) return undefined as T;
    try {
      return (await response.json()) as T;
    } catch {
      throw new DevicesApiError(response.status, 'bad_response', `invalid JSON from ${path}`, null);
    }
  }
  const flag = (force?: boolean) => (force ? '?force=true' : '');
  return {
    startScan: (ranges, credentials, windowMs = 2000) => json('POST', '/api/v1/discovery/scans', { mode: 'unicast', ranges, credentials, windowMs }),
    getScan: (id) => json('GET', `/api/v1/discovery/scans/${enc(id)}`),
    cancelScan: (id) => json('DELETE', `/api/v1/discovery/scans/${enc(id)}`),
    getCamera: (id) => json('GET', `/api/v1/cameras/${enc(id)}`),
    createCamera: (body, force) => json('POST', `/api/v1/cameras${flag(force)}`, body),
    updateCamera: (id, patch, force) => json('PATCH', `/api/v1/cameras/${enc(id)}${flag(force)}`, patch),
    testStream: (url, username, password) => json('POST', '/api/v1/cameras/test-stream', { url, username, password }),
    testCameraStream: (cameraId, profile) => json('POST', '/api/v1/cameras/test-stream', { cameraId, profile }),
    rotateRtmpKey: (cameraId) => json('POST', `/api/v1/cameras/${enc(cameraId)}/rtmp-key`),
    importDryRun: (csv) => json('POST', '/api/v1/cameras/import?dryRun=true', { csv }),
    importCommit: (csv, confirmRows) => json('POST', '/api/v1/cameras/import', { csv, confirmRows }),
    healthSummary: () => json('GET', '/api/v1/health/summary'),
    healthOffline: async (limit = 50) => (await json<{ items: OfflineCamera[] }>('GET', `/api/v1/health/offline?limit=${limit}`)).items,
    healthAvailability: (days) => json('GET', `/api/v1/health/availability?days=${days}`),
    healthSweep: () => json('POST', '/api/v1/health/sweep'),
  };
}
