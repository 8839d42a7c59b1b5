/**
 * Wires discovery into the gateway: one service, its routes, progress on the `discovery` WebSocket topic, and scans
 * cancelled when the gateway stops.
 */
import type { ScopeService } from '../auth/scope-service';
import type { AuditRepository } from '../db/audit-repository';
import type { Db } from '../db/connection';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import type { EventHub } from '../realtime/event-hub';
import { DiscoveryService, type DiscoveryOptions } from './discovery-service';
import { registerDiscoveryRoutes } from './discovery-routes';
import type { GatewayModule } from '../server/gateway-module';
import { RegisteredCameras } from './registered-cameras';

export const DISCOVERY_TOPIC = 'discovery';

export interface DiscoveryModuleDeps {
  db: Db;
  log: Logger;
  hub: EventHub;
  scope: ScopeService;
  audit: AuditRepository;
  clock: Clock;
  options?: Partial<DiscoveryOptions>;
}

export interface DiscoveryModule extends GatewayModule {
  service: DiscoveryService;
}

export function createDiscoveryModule(deps: DiscoveryModuleDeps): DiscoveryModule {
  const discovery = new DiscoveryService({
    log: deps.log,
    publish: (progress) => deps.hub.publish(DISCOVERY_TOPIC, progress, null),
    cameras: new RegisteredCameras(deps.db),
    canSeeOrgUnit: (user, orgUnitId) => deps.scope.canSeeOrgUnit(user, orgUnitId),
    canManage: (user, owner) => deps.scope.canManage(user, owner),
    now: () => deps.clock.now(),
    options: deps.options,
  });
  return {
    name: 'discovery',
    service: discovery,
    routes: (app) => registerDiscoveryRoutes(app, { discovery, audit: deps.audit, scope: deps.scope }),
    stop: () => discovery.close(),
  };
}
