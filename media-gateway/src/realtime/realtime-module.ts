import type { ScopeService } from '../auth/scope-service';
import type { AuditRepository } from '../db/audit-repository';
import type { GatewayModule } from '../server/gateway-module';
import type { EventHub } from './event-hub';
import { registerWsRoutes } from './ws-routes';

/** The one WebSocket: topics from the event hub, filtered by the subscriber's permissions and org scope. */
export function createRealtimeModule(deps: { hub: EventHub; scope: ScopeService; audit: AuditRepository }): GatewayModule {
  return { name: 'realtime', routes: (app) => registerWsRoutes(app, deps) };
}
