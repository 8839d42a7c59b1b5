/** Wiring for gateway.ts: the PTZ service and its routes; stop() halts cameras still moving. */
import type { AuditRepository } from '../db/audit-repository';
import type { CameraRepository } from '../db/camera-repository';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import type { CredentialCipher } from '../security/credential-cipher';
import { registerPtzRoutes } from './ptz-routes';
import type { GatewayModule } from '../server/gateway-module';
import { PtzService, type PtzServiceOptions } from './ptz-service';

export interface PtzModuleDeps {
  cameras: CameraRepository;
  cipher: CredentialCipher;
  audit: AuditRepository;
  clock: Clock;
  log: Logger;
  options?: Partial<PtzServiceOptions>;
}

export interface PtzModule extends GatewayModule {
  service: PtzService;
}

export function createPtzModule(deps: PtzModuleDeps): PtzModule {
  const ptz = new PtzService({
    cameras: deps.cameras,
    decrypt: (enc) => deps.cipher.decrypt(enc),
    audit: deps.audit,
    clock: deps.clock,
    log: deps.log,
    options: deps.options,
  });
  return {
    name: 'ptz',
    service: ptz,
    routes: (app) => registerPtzRoutes(app, { ptz }),
    stop: () => ptz.close(),
  };
}
