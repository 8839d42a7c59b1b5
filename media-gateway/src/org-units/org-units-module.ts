import type { ScopeService } from '../auth/scope-service';
import type { Repositories } from '../db/repositories';
import type { GatewayModule } from '../server/gateway-module';
import { registerOrgUnitRoutes } from './org-unit-routes';
import { OrgUnitService } from './org-unit-service';

/** The county → township → village tree every camera, user and scope hangs from. */
export function createOrgUnitsModule(deps: { repos: Pick<Repositories, 'orgUnits' | 'audit'>; scope: ScopeService }): GatewayModule {
  const orgUnits = new OrgUnitService({ orgUnits: deps.repos.orgUnits, scope: deps.scope, audit: deps.repos.audit });
  return { name: 'org-units', routes: (app) => registerOrgUnitRoutes(app, { orgUnits }) };
}
