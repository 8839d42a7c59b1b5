/**
 * Wires ONVIF events into the gateway: the service, its status route, a reconcile soon after a camera's status
 * changes (a newly registered camera joins after its first health check, without waiting for `rescanSec`), and a
 * clean stop when the gateway stops.
 */
import { requires } from '../auth/route-policy';
import type { ScopeService } from '../auth/scope-service';
import type { CameraRecord, CameraRepository } from '../db/camera-repository';
import type { Clock, TimerHandle } from '../platform/clock';
import type { Logger } from '../platform/logger';
import type { EventHub } from '../realtime/event-hub';
import type { CredentialCipher } from '../security/credential-cipher';
import type { AlarmService } from '../alarms/alarm-service';
import { OnvifEventService, type OnvifEventsConfig } from './onvif-event-service';
import type { GatewayModule } from '../server/gateway-module';
import { requireUser } from '../server/request-user';

export interface OnvifEventsModuleDeps {
  config: OnvifEventsConfig;
  cameras: CameraRepository;
  cipher: CredentialCipher;
  alarms: Pick<AlarmService, 'raiseCameraEvent'>;
  hub: EventHub;
  scope: ScopeService;
  clock: Clock;
  log: Logger;
}

const RECONCILE_DEBOUNCE_MS = 500;

export interface OnvifEventsModule extends GatewayModule {
  service: OnvifEventService;
}

export function createOnvifEventsModule(d: OnvifEventsModuleDeps): OnvifEventsModule {
  const service = new OnvifEventService({
    cameras: { listAll: () => d.cameras.listAll(), get: (id) => d.cameras.get(id) },
    passwordOf: (c: CameraRecord) => {
      try {
        return c.passwordEnc ? d.cipher.decrypt(c.passwordEnc) : null;
      } catch {
        return null;
      }
    },
    raise: (cameraId, e) => d.alarms.raiseCameraEvent(cameraId, e),
    clock: d.clock,
    log: d.log,
    config: d.config,
  });

  let pending: TimerHandle | null = null;
  let unsubscribe: (() => void) | null = null;
  return {
    name: 'onvif-events',
    service,
    routes(app) {
      // GET /api/v1/onvif-events/status — per camera: subscription state, expiry, renewals, resubscriptions, last error,
      // last event. Operators and technicians (stream.read), narrowed to the caller's org units.
      app.get('/api/v1/onvif-events/status', { config: requires('stream.read', 'filtered') }, async (req) => {
        const user = requireUser(req);
        return service.status((orgUnitId) => d.scope.canSeeOrgUnit(user, orgUnitId));
      });
    },
    start() {
      unsubscribe = d.hub.subscribe((event) => {
        if (event.topic !== 'cameras' || pending) return;
        pending = d.clock.setTimeout(() => {
          pending = null;
          service.reconcile();
        }, RECONCILE_DEBOUNCE_MS);
        pending.unref?.();
      });
      if (d.config.enabled) {
        service.start();
        d.log.info({ pullTimeoutSec: d.config.pullTimeoutSec, maxConcurrentPulls: d.config.maxConcurrentPulls }, 'onvif events enabled');
      }
    },
    async stop() {
      unsubscribe?.();
      if (pending) d.clock.clearTimeout(pending);
      await service.close();
    },
  };
}
