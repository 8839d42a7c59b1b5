import type { FastifyInstance } from 'fastify';
import { buildDemoBaseMap, type BaseMap } from '../../../camera-config/src/index';
import { authenticatedRoute } from '../auth/route-policy';
import type { GatewayConfig } from '../config/config-schema';
import type { OrgUnitRepository } from '../db/org-unit-repository';
import type { GatewayModule } from './gateway-module';
import { demoFleetSchema, type DemoFleetInfo } from '../../../contracts/src/client-config';

/** What the launcher (`npm start`) tells the gateway about the demo fleet it started; nothing on a real site. */
export class DemoFleetNotice {
  private value: DemoFleetInfo = null;
  get(): DemoFleetInfo {
    return this.value;
  }
  /** Validated here: a bad range must not reach every console. */
  set(info: DemoFleetInfo): void {
    this.value = demoFleetSchema.parse(info);
  }
}

export interface ClientConfigDeps {
  config: GatewayConfig;
  orgUnits: OrgUnitRepository;
  demoFleet: DemoFleetNotice;
}

/** What the console needs to know about this site, and the offline base map drawn from its org tree. */
export function registerClientConfigRoutes(app: FastifyInstance, deps: ClientConfigDeps): void {
  app.get('/api/v1/client-config', { config: authenticatedRoute }, async () => ({
    map: { tileUrl: deps.config.map.tileUrl, attribution: deps.config.map.attribution, maxZoom: deps.config.map.maxZoom, baseLayerUrl: '/api/v1/map/base-layer' },
    hlsTokenTtlSec: deps.config.auth.hlsTokenTtlSec,
    demoFleet: deps.demoFleet.get(),
  }));

  let cached: { key: string; map: BaseMap } | null = null;
  app.get('/api/v1/map/base-layer', { config: authenticatedRoute }, async (_req, reply) => {
    const units = deps.orgUnits.list();
    const key = JSON.stringify(units.map((u) => [u.id, u.lat, u.lng]));
    if (cached?.key !== key) cached = { key, map: buildDemoBaseMap(units) };
    reply.header('content-type', 'application/geo+json');
    reply.header('cache-control', 'private, max-age=300');
    return cached.map;
  });
}

/** Site settings for the console and the offline base map. */
export function createClientConfigModule(deps: ClientConfigDeps): GatewayModule {
  return { name: 'client-config', routes: (app) => registerClientConfigRoutes(app, deps) };
}
