// The viewing-coverage report call (same origin, cookie session); the CSV export is a plain link to the same route.
import type { CameraViewReportResponse } from '../../../../contracts/src/camera-view-report';
import { httpFor, type FetchLike } from '../../gateway/http';

export const CAMERA_VIEWS_PATH = '/api/v1/reports/camera-views';

export interface CameraViewsApi {
  report(query: string): Promise<CameraViewReportResponse>;
}

export function createCameraViewsApi(options: { fetch?: FetchLike } = {}): CameraViewsApi {
  const http = httpFor(options.fetch);
  return { report: (query) => http.json<CameraViewReportResponse>('GET', `${CAMERA_VIEWS_PATH}?${query}`) };
}
