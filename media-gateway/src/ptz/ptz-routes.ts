/**
 * PTZ API: `camera.ptz` within the caller's camera scope (checked by the access guard on `:id`).
 *
 *   POST   /api/v1/cameras/:id/ptz/move                  { pan, tilt, zoom } in [-1, 1] → 204 (auto-stop after 1 s)
 *   POST   /api/v1/cameras/:id/ptz/stop                  → 204
 *   GET    /api/v1/cameras/:id/ptz/status                → PtzStatusDto
 *   GET    /api/v1/cameras/:id/ptz/presets               → { items: PtzPresetDto[] }
 *   POST   /api/v1/cameras/:id/ptz/presets               { name } → 201 PtzPresetDto (audited)
 *   POST   /api/v1/cameras/:id/ptz/presets/:token/goto   → 204 (audited)
 *   DELETE /api/v1/cameras/:id/ptz/presets/:token        → 204 (audited)
 *
 * A camera without PTZ answers 409; a camera that refuses 422; one that fails 502/504.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ptzMoveSchema, ptzPresetCreateSchema, ptzPresetTokenSchema } from '../../../contracts/src/ptz';
import { parseInput } from '../server/validate';
import { requires } from '../auth/route-policy';
import type { PtzService } from './ptz-service';
import { requireUser } from '../server/request-user';

const idParams = z.object({ id: z.string().min(1).max(64) });
const presetParams = z.object({ id: z.string().min(1).max(64), token: ptzPresetTokenSchema });

export interface PtzRouteDeps {
  ptz: PtzService;
}

export function registerPtzRoutes(app: FastifyInstance, deps: PtzRouteDeps): void {
  const steer = { config: requires('camera.ptz', 'camera-param') };
  const actor = (req: FastifyRequest) => ({ user: requireUser(req), ip: req.ip });

  app.post('/api/v1/cameras/:id/ptz/move', steer, async (req, reply) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const body = parseInput(ptzMoveSchema, req.body, 'body');
    await deps.ptz.move(id, body);
    return reply.code(204).send();
  });

  app.post('/api/v1/cameras/:id/ptz/stop', steer, async (req, reply) => {
    const { id } = parseInput(idParams, req.params, 'params');
    await deps.ptz.stop(id);
    return reply.code(204).send();
  });

  app.get('/api/v1/cameras/:id/ptz/status', steer, async (req) => {
    const { id } = parseInput(idParams, req.params, 'params');
    return deps.ptz.status(id);
  });

  app.get('/api/v1/cameras/:id/ptz/presets', steer, async (req) => {
    const { id } = parseInput(idParams, req.params, 'params');
    return { items: await deps.ptz.presets(id) };
  });

  app.post('/api/v1/cameras/:id/ptz/presets', steer, async (req, reply) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const { name } = parseInput(ptzPresetCreateSchema, req.body, 'body');
    return reply.code(201).send(await deps.ptz.savePreset(actor(req), id, name));
  });

  app.post('/api/v1/cameras/:id/ptz/presets/:token/goto', steer, async (req, reply) => {
    const { id, token } = parseInput(presetParams, req.params, 'params');
    await deps.ptz.gotoPreset(actor(req), id, token);
    return reply.code(204).send();
  });

  app.delete('/api/v1/cameras/:id/ptz/presets/:token', steer, async (req, reply) => {
    const { id, token } = parseInput(presetParams, req.params, 'params');
    await deps.ptz.removePreset(actor(req), id, token);
    return reply.code(204).send();
  });
}
