import type { FastifyInstance } from 'fastify';
import { requires, publicRoute } from '../auth/route-policy';
import type { ScopeService } from '../auth/scope-service';
import type { CameraRepository } from '../db/camera-repository';
import type { StreamManager } from './stream-manager';
import { requireUser } from '../server/request-user';

export function registerStreamRoutes(app: FastifyInstance, deps: { streams: StreamManager; cameras: CameraRepository; scope: ScopeService }): void {
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

  app.get('/api/v1/health', { config: publicRoute }, async () => ({ status: 'ok' }));
}
