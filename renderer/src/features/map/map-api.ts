// The three gateway calls only the map makes: site config, the offline base layer, and moving a camera.
// Through the shared request function (gateway/http.ts); errors carry the gateway's own message.
import type { CameraDto } from '../../../../contracts/src/camera';
import { httpFor, type FetchLike } from '../../gateway/http';

export interface MapClientConfig {
  /** Intranet GIS tile template ({z}/{x}/{y}), or null: the offline base layer only. */
  tileUrl: string | null;
  attribution: string | null;
  maxZoom: number;
  baseLayerUrl: string;
}

export interface MapApi {
  getMapConfig(): Promise<MapClientConfig>;
  getBaseLayer(url: string): Promise<unknown>;
  moveCamera(id: string, lat: number, lng: number): Promise<CameraDto>;
}

const DEFAULT_BASE_LAYER_URL = '/api/v1/map/base-layer';

/** Only http(s) templates with {z}/{x}/{y} are used as tile sources; anything else means "no tiles". */
export function readMapConfig(raw: unknown): MapClientConfig {
  const map = typeof raw === 'object' && raw !== null ? (raw as { map?: Record<string, unknown> }).map : undefined;
  const tileUrl = typeof map?.tileUrl === 'string' && /^https?:\/\/\S+$/.test(map.tileUrl) && ['{z}', '{x}', '{y}'].every((p) => (map.tileUrl as string).includes(p)) ? map.tileUrl : null;
  const maxZoom = typeof map?.maxZoom === 'number' && map.maxZoom >= 10 && map.maxZoom <= 22 ? Math.floor(map.maxZoom) : 18;
  // Same-origin API paths only: the base layer is never fetched from elsewhere.
  const baseLayerUrl = typeof map?.baseLayerUrl === 'string' && /^\/api\/v1\/[\w\-/]+$/.test(map.baseLayerUrl) ? map.baseLayerUrl : DEFAULT_BASE_LAYER_URL;
  return { tileUrl, attribution: typeof map?.attribution === 'string' && map.attribution.trim() ? map.attribution.trim() : null, maxZoom, baseLayerUrl };
}

export function createMapApi(doFetch?: FetchLike): MapApi {
  const http = httpFor(doFetch);
  const json = (method: string, path: string, body?: unknown): Promise<unknown> => http.json<unknown>(method, path, { body });
  return {
    getMapConfig: async () => readMapConfig(await json('GET', '/api/v1/client-config')),
    getBaseLayer: (url) => json('GET', url),
    moveCamera: async (id, lat, lng) => (await json('PATCH', `/api/v1/cameras/${encodeURIComponent(id)}`, { lat, lng })) as CameraDto,
  };
}
