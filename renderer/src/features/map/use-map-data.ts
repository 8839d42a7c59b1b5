import { useEffect, useState } from 'react';
import { toGatewayError } from '../../gateway/gateway-error';
import { parseBaseLayer, type BaseLayer } from './base-layer';
import type { MapApi, MapClientConfig } from './map-api';

export type MapData =
  | { status: 'loading' }
  /** The base layer may have failed (baseError) while the config arrived; the map still shows the cameras. */
  | { status: 'ready'; config: MapClientConfig; baseLayer: BaseLayer | null; baseError: string | null };

const FALLBACK_CONFIG: MapClientConfig = { tileUrl: null, attribution: null, maxZoom: 18, baseLayerUrl: '/api/v1/map/base-layer' };

/** Site map config, then the offline base layer it names. Failures degrade to "cameras on a plain map". */
export function useMapData(api: MapApi): MapData {
  const [data, setData] = useState<MapData>({ status: 'loading' });
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      let config = FALLBACK_CONFIG;
      try {
        config = await api.getMapConfig();
      } catch {
        // keep the fallback: no tiles, the default base layer path
      }
      try {
        const baseLayer = parseBaseLayer(await api.getBaseLayer(config.baseLayerUrl));
        if (!cancelled) setData({ status: 'ready', config, baseLayer, baseError: null });
      } catch (error) {
        if (!cancelled) setData({ status: 'ready', config, baseLayer: null, baseError: toGatewayError(error).message });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [api]);
  return data;
}
