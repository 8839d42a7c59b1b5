import type { ScopeService } from '../auth/scope-service';
import type { Repositories } from '../db/repositories';
import type { EventHub } from '../realtime/event-hub';
import type { GatewayModule } from '../server/gateway-module';
import { registerLayoutRoutes } from './layout-routes';
import { registerWallRoutes } from './wall-routes';

export interface LayoutsModuleDeps {
  repos: Pick<Repositories, 'layouts' | 'tours' | 'walls' | 'cameras' | 'orgUnits' | 'audit'>;
  scope: ScopeService;
  hub: EventHub;
}

/** Saved wall layouts, tours, and the video walls that show them (commands reach wall windows over `walls`). */
export function createLayoutsModule(deps: LayoutsModuleDeps): GatewayModule {
  const { repos } = deps;
  return {
    name: 'layouts',
    routes(app) {
      registerLayoutRoutes(app, { layouts: repos.layouts, tours: repos.tours, audit: repos.audit, cameras: repos.cameras, scope: deps.scope });
      registerWallRoutes(app, { walls: repos.walls, layouts: repos.layouts, tours: repos.tours, cameras: repos.cameras, scope: deps.scope, orgUnits: repos.orgUnits, hub: deps.hub, audit: repos.audit });
    },
  };
}
