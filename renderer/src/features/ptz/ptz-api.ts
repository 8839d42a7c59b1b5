// The PTZ endpoints of the gateway (same origin, session cookie), kept beside the feature so the shared client stays small.
import type { PtzMove, PtzPresetDto, PtzStatusDto } from '../../../../contracts/src/ptz';
import { httpFor, type FetchLike } from '../../gateway/http';

export interface PtzApi {
  move(cameraId: string, v: PtzMove): Promise<void>;
  stop(cameraId: string): Promise<void>;
  status(cameraId: string): Promise<PtzStatusDto>;
  presets(cameraId: string): Promise<PtzPresetDto[]>;
  savePreset(cameraId: string, name: string): Promise<PtzPresetDto>;
  gotoPreset(cameraId: string, token: string): Promise<void>;
  removePreset(cameraId: string, token: string): Promise<void>;
}

export function createPtzApi(doFetch?: FetchLike, base = ''): PtzApi {
  const http = httpFor(doFetch, base);
  const enc = encodeURIComponent;
  const path = (cameraId: string, rest: string) => `/api/v1/cameras/${enc(cameraId)}/ptz/${rest}`;
  const call = (method: string, url: string, body?: unknown): Promise<Response> => http.request(method, url, { body });
  return {
    move: async (id, v) => void (await call('POST', path(id, 'move'), v)),
    stop: async (id) => void (await call('POST', path(id, 'stop'))),
    status: async (id) => (await (await call('GET', path(id, 'status'))).json()) as PtzStatusDto,
    presets: async (id) => ((await (await call('GET', path(id, 'presets'))).json()) as { items: PtzPresetDto[] }).items,
    savePreset: async (id, name) => (await (await call('POST', path(id, 'presets'), { name })).json()) as PtzPresetDto,
    gotoPreset: async (id, token) => void (await call('POST', path(id, `presets/${enc(token)}/goto`))),
    removePreset: async (id, token) => void (await call('DELETE', path(id, `presets/${enc(token)}`))),
  };
}
