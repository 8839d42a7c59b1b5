import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requires, publicRoute } from '../auth/route-policy';
import type { ScopeService } from '../auth/scope-service';
import type { AuditRepository } from '../db/audit-repository';
import type { CameraRepository } from '../db/camera-repository';
import { notFound } from '../platform/errors';
import { parseInput } from '../server/validate';
import type { StreamManager } from './stream-manager';
import type { AuthFailureBlock } from './stream-types';
import { requireUser } from '../server/request-user';

const idParams = z.object({ id: z.string().min(1).max(64) });

export interface StreamRouteDeps {
  streams: StreamManager;
  cameras: CameraRepository;
  scope: ScopeService;
  audit: AuditRepository;
  authBlock: AuthFailureBlock;
}

export function registerStreamRoutes(app: FastifyInstance, deps: StreamRouteDeps): void {
  // Every running pipeline the caller may see: state, reason, viewers, fps, bitrate, last-fragment age, restarts.
  app.get('/api/v1/streams', { config: requires('stream.read', 'filtered') }, async (req) => {
    const user = requireUser(req);
    const items = deps.streams.list().filter((s) => {
      if (user.orgUnitId === null) return true;
      const camera = deps.cameras.get(s.cameraId);
      return camera !== null && deps.scope.canSeeOrgUnit(user, camera.orgUnitId);
    });
    return { items };
  });

  // An operator asks to try a camera again (after an auth failure the gateway stops by itself): its pipelines are
  // dropped, so the next playlist request starts afresh. camera.live: every role with camera.write has it too.
  app.post('/api/v1/cameras/:id/retry', { config: requires('camera.live', 'camera-param') }, async (req) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const user = requireUser(req);
    if (!deps.cameras.get(id)) throw notFound('camera');
    const wasBlocked = deps.authBlock.clear(id);
    await deps.streams.stopCamera(id);
    deps.audit.append({ userId: user.id, username: user.username, action: 'camera.retry', targetType: 'camera', targetId: id, outcome: 'ok', ip: req.ip, details: { wasBlocked } });
    return { cameraId: id, wasBlocked };
  });

  app.get('/api/v1/health', { config: publicRoute }, async () => ({ status: 'ok' }));
}
