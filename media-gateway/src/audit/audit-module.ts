import type { ScopeService } from '../auth/scope-service';
import type { AuditRepository } from '../db/audit-repository';
import type { Db } from '../db/connection';
import type { Clock } from '../platform/clock';
import type { GatewayModule } from '../server/gateway-module';
import { registerAuditRoutes } from './audit-routes';
import { AuditSearch } from './audit-search';

/** Search and export of the audit log (every module appends to it through AuditRepository). */
export function createAuditModule(deps: { db: Db; audit: AuditRepository; scope: ScopeService; clock: Clock }): GatewayModule {
  return {
    name: 'audit',
    routes: (app) => registerAuditRoutes(app, { search: new AuditSearch(deps.db), scope: deps.scope, audit: deps.audit, now: () => deps.clock.now() }),
  };
}
