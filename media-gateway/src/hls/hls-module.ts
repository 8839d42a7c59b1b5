import type { GatewayModule } from '../server/gateway-module';
import { registerHlsRoutes, type HlsRouteDeps } from './hls-routes';

/** LL-HLS playlists, segments and parts served from the stream manager's in-memory packagers. */
export function createHlsModule(deps: HlsRouteDeps): GatewayModule {
  return { name: 'hls', routes: (app) => registerHlsRoutes(app, deps) };
}
