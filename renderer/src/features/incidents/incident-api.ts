// The incident calls of the gateway (same origin, cookie session), kept in this feature to stay out of the shared
// client. Errors are GatewayError with the gateway's own message (a 409 says which step the state allows).
import type {
  IncidentAttachmentDto,
  IncidentDetailDto,
  IncidentDto,
  IncidentListResponse,
  IncidentStatisticsResponse,
  IncidentUserAction,
} from '../../../../contracts/src/incident';
import { httpFor, type FetchLike } from '../../gateway/http';

export type { FetchLike } from '../../gateway/http';

export interface IncidentApi {
  list(query: string): Promise<IncidentListResponse>;
  get(id: string): Promise<IncidentDetailDto>;
  /** 201 the first time, 200 for a retry with the same clientRequestId: both mean committed. */
  create(body: unknown): Promise<IncidentDto>;
  fromAlarm(alarmId: string, body: unknown): Promise<IncidentDto>;
  act(id: string, action: IncidentUserAction, body: unknown): Promise<IncidentDto>;
  /** The raw file as the body, its type as the content-type (JPEG, PNG or PDF). */
  upload(id: string, file: Blob): Promise<IncidentAttachmentDto>;
  statistics(query: string): Promise<IncidentStatisticsResponse>;
}

export const INCIDENTS_PATH = '/api/v1/incidents';
const enc = encodeURIComponent;

export function createIncidentApi(options: { fetch?: FetchLike; baseUrl?: string } = {}): IncidentApi {
  const http = httpFor(options.fetch, `${options.baseUrl ?? ''}${INCIDENTS_PATH}`);
  const call = <T>(method: string, path: string, body?: unknown, contentType?: string): Promise<T> => http.json<T>(method, path, { body, contentType });

  return {
    list: (query) => call('GET', `?${query}`),
    get: (id) => call('GET', `/${enc(id)}`),
    create: (body) => call('POST', '', body),
    fromAlarm: (alarmId, body) => call('POST', `/from-alarm/${enc(alarmId)}`, body),
    act: (id, action, body) => call('POST', `/${enc(id)}/${action}`, body),
    upload: (id, file) => call('POST', `/${enc(id)}/attachments`, file, file.type),
    statistics: (query) => call('GET', `/statistics?${query}`),
  };
}

export const UPLOAD_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'application/pdf'];
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
