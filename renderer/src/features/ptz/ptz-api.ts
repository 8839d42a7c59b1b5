// The PTZ endpoints of the gateway (same origin, session cookie), kept beside the feature so the shared client stays small.
import type { PtzMove, PtzPresetDto, PtzStatusDto } from '../../../../contracts/src/ptz';
import { parseErrorBody, toGatewayError } from '../../gateway/gateway-error';

export interface PtzApi {
  move(cameraId: string, v: PtzMove): Promise<void>;
  stop(cameraId: string): Promise<void>;
  status(cameraId: string): Promise<PtzStatusDto>;
  presets(cameraId: string): Promise<PtzPresetDto[]>;
  savePreset(cameraId: string, name: string): Promise<PtzPresetDto>;
  gotoPreset(cameraId: string, token: string): Promise<void>;
  removePreset(cameraId: string, token: string): Promise<void>;
}

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export function createPtzApi(doFetch: FetchLike = (i, init) => fetch(i, init), base = ''): PtzApi {
  const enc = encodeURIComponent;
  const path = (cameraId: string, rest: string) => `${base}/api/v1/cameras/${enc(cameraId)}/ptz/${rest}`;
  async function call(method: string, url: string, body?: unknown): Promise<Response> {
    let res: Response;
    try {
      res = await doFetch(url, {
        method,
        credentials: 'same-origin',
        headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw toGatewayError(error);
    }
    if (!res.ok) throw parseErrorBody(res.status, await res.text().catch(() => ''), res.statusText);
    return res;
  }
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
