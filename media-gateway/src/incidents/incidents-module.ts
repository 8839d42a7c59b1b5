import type { AlarmLink } from './alarm-link';
import type { ScopeService } from '../auth/scope-service';
import type { GatewayConfig } from '../config/config-schema';
import type { Db } from '../db/connection';
import type { Repositories } from '../db/repositories';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import type { EventHub } from '../realtime/event-hub';
import type { GatewayModule } from '../server/gateway-module';
import { IncidentEscalationTimer } from './incident-escalation';
import { IncidentRepository } from './incident-repository';
import { registerIncidentRoutes } from './incident-routes';
import { IncidentService } from './incident-service';
import { IncidentStatistics } from './incident-statistics';

export interface IncidentsModuleDeps {
  config: GatewayConfig['incidents'];
  db: Db;
  repos: Pick<Repositories, 'orgUnits' | 'cameras' | 'audit'>;
  scope: ScopeService;
  hub: EventHub;
  alarms: AlarmLink;
  clock: Clock;
  log: Logger;
}

export interface IncidentsModule extends GatewayModule {
  service: IncidentService;
}

/** Incidents (events to handle): workflow, attachments, statistics, and the sweep that escalates overdue ones. */
export function createIncidentsModule(deps: IncidentsModuleDeps): IncidentsModule {
  const { config, repos } = deps;
  const service = new IncidentService({
    repo: new IncidentRepository(deps.db),
    statistics: new IncidentStatistics(deps.db),
    orgUnits: repos.orgUnits,
    cameras: repos.cameras,
    scope: deps.scope,
    hub: deps.hub,
    alarms: deps.alarms,
    audit: repos.audit,
    log: deps.log,
    now: () => deps.clock.now(),
    utcOffsetMinutes: config.utcOffsetMinutes,
  });
  const escalation = new IncidentEscalationTimer(() => service.escalateOverdue(), deps.clock, deps.log, config.escalationSweepSec);
  return {
    name: 'incidents',
    service,
    routes: (app) => registerIncidentRoutes(app, { incidents: service, audit: repos.audit, attachmentMaxBytes: config.attachmentMaxBytes, utcOffsetMinutes: config.utcOffsetMinutes }),
    start: () => escalation.start(),
    stop: () => escalation.stop(),
  };
}
