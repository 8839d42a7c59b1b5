import type { ScopeService } from '../auth/scope-service';
import type { GatewayConfig } from '../config/config-schema';
import type { Db } from '../db/connection';
import type { CameraRecord, CameraRepository } from '../db/camera-repository';
import type { OrgUnitRepository } from '../db/org-unit-repository';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import type { CredentialCipher } from '../security/credential-cipher';
import type { GatewayModule } from '../server/gateway-module';
import type { CameraAuthBlock } from './camera-auth-block';
import type { CameraStatusService } from './camera-status-service';
import { HealthMonitor } from './health-monitor';
import { HealthReport } from './health-report';
import { registerHealthRoutes } from './health-routes';
import { rtspDescribeProbe } from './rtsp-probe';
import { eventLoopLagMeter } from './loop-lag';

export interface HealthModuleDeps {
  config: GatewayConfig['health'];
  db: Db;
  cameras: CameraRepository;
  orgUnits: OrgUnitRepository;
  cipher: CredentialCipher;
  cameraStatus: CameraStatusService;
  /** A camera with a live pipeline is proven by its viewer and skipped by the sweep. */
  isLive(cameraId: string): boolean;
  authBlock: CameraAuthBlock;
  scope: ScopeService;
  clock: Clock;
  log: Logger;
}

export interface HealthModule extends GatewayModule {
  monitor: HealthMonitor;
}

/** The periodic RTSP DESCRIBE sweep (when `health.enabled`) and the health page's report routes. */
export function createHealthModule(deps: HealthModuleDeps): HealthModule {
  const passwordOf = (c: CameraRecord) => {
    try {
      return c.passwordEnc ? deps.cipher.decrypt(c.passwordEnc) : null;
    } catch {
      return null;
    }
  };
  // Measured all along, read per sweep: a stalled gateway's timeouts are its own, not the cameras'.
  const lag = eventLoopLagMeter();
  const monitor = new HealthMonitor({ cameras: deps.cameras, passwordOf, probe: rtspDescribeProbe, status: deps.cameraStatus, isLive: deps.isLive, authBlock: deps.authBlock, log: deps.log, opts: deps.config, lag, now: () => deps.clock.now() });
  return {
    name: 'health',
    monitor,
    routes: (app) => registerHealthRoutes(app, { report: new HealthReport(deps.db), monitor, orgUnits: deps.orgUnits, scope: deps.scope, clock: deps.clock }),
    start: () => {
      if (deps.config.enabled) monitor.start();
    },
    stop: () => {
      monitor.stop();
      lag.stop();
    },
  };
}
