/** Wiring for gateway.ts: one call builds the PTZ service and its routes; close() stops cameras still moving. */
import type { FastifyInstance } from 'fastify';
import type { AuditRepository } from '../db/audit-repository';
import type { CameraRepository } from '../db/camera-repository';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import type { CredentialCipher } from '../security/credential-cipher';
import { registerPtzRoutes } from './ptz-routes';
import { PtzService, type PtzServiceOptions } from './ptz-service';

export interface PtzModuleDeps {
  cameras: CameraRepository;
  cipher: CredentialCipher;
  audit: AuditRepository;
  clock: Clock;
  log: Logger;
  options?: Partial<PtzServiceOptions>;
}

export function registerPtz(app: FastifyInstance, deps: PtzModuleDeps): PtzService {
  const ptz = new PtzService({
    cameras: deps.cameras,
    decrypt: (enc) => deps.cipher.decrypt(enc),
    audit: deps.audit,
    clock: deps.clock,
    log: deps.log,
    options: deps.options,
  });
  registerPtzRoutes(app, { ptz });
  app.addHook('onClose', async () => ptz.close());
  return ptz;
}
