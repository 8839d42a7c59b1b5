import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { alarmAckSchema, alarmAssignSchema, alarmDismissSchema, alarmListQuerySchema, alarmResolveSchema, externalAlarmSchema } from '../../../contracts/src/alarm';
import { apiKeyRoute, requires } from '../auth/route-policy';
import { parseInput } from '../server/validate';
import { roleHas } from '../../../contracts/src/permissions';
import type { ScopeService } from '../auth/scope-service';
import type { UserRepository } from '../db/user-repository';
import type { AlarmService } from './alarm-service';
import { requireUser } from '../server/request-user';

const idParams = z.object({ id: z.string().min(1).max(64) });

/**
 * Alarms over REST. Reading and acting are scoped per alarm by the service (`filtered`: 403 outside the caller's
 * org units, 404 when there is no such alarm); external systems post with their API key.
 */
export function registerAlarmRoutes(app: FastifyInstance, deps: { alarms: AlarmService; users: UserRepository; scope: ScopeService }): void {
  app.post('/api/v1/alarms', { config: apiKeyRoute }, async (req, reply) => {
    const body = parseInput(externalAlarmSchema, req.body, 'body');
    const result = deps.alarms.raiseExternal(req.apiClient!, body);
    return reply.code(result.status).send(result.body);
  });

  app.get('/api/v1/alarms', { config: requires('alarm.read', 'filtered') }, async (req) => {
    const query = parseInput(alarmListQuerySchema, req.query, 'query');
    return deps.alarms.list(requireUser(req), query);
  });

  app.get('/api/v1/alarms/:id', { config: requires('alarm.read', 'filtered') }, async (req) => {
    const { id } = parseInput(idParams, req.params, 'params');
    return deps.alarms.get(requireUser(req), id, req.ip);
  });

  // Who this alarm may be assigned to: enabled users allowed to act on alarms whose scope covers the alarm.
  app.get('/api/v1/alarms/:id/assignees', { config: requires('alarm.act', 'filtered') }, async (req) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const alarm = deps.alarms.get(requireUser(req), id, req.ip);
    const items = deps.users
      .list()
      .filter((u) => !u.disabled && roleHas(u.role, 'alarm.act') && (alarm.orgUnitId === null ? u.orgUnitId === null : deps.scope.canSeeOrgUnit(u, alarm.orgUnitId)))
      .map((u) => ({ id: u.id, username: u.username, displayName: u.displayName, role: u.role, orgUnitId: u.orgUnitId }));
    return { items };
  });

  app.get('/api/v1/alarms/:id/snapshot', { config: requires('alarm.read', 'filtered') }, async (req, reply) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const jpeg = deps.alarms.snapshot(requireUser(req), id, req.ip);
    reply.header('content-type', 'image/jpeg');
    reply.header('cache-control', 'private, max-age=3600');
    reply.header('content-disposition', `inline; filename="alarm-${id}.jpg"`);
    return reply.send(jpeg);
  });

  app.post('/api/v1/alarms/:id/ack', { config: requires('alarm.act', 'filtered') }, async (req) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const body = parseInput(alarmAckSchema, req.body, 'body');
    return deps.alarms.acknowledge(requireUser(req), id, body.note, req.ip);
  });

  app.post('/api/v1/alarms/:id/assign', { config: requires('alarm.act', 'filtered') }, async (req) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const body = parseInput(alarmAssignSchema, req.body, 'body');
    return deps.alarms.assign(requireUser(req), id, body.userId, body.note, req.ip);
  });

  app.post('/api/v1/alarms/:id/dismiss', { config: requires('alarm.act', 'filtered') }, async (req) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const body = parseInput(alarmDismissSchema, req.body, 'body');
    return deps.alarms.dismiss(requireUser(req), id, body.reason, req.ip);
  });

  app.post('/api/v1/alarms/:id/resolve', { config: requires('alarm.act', 'filtered') }, async (req) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const body = parseInput(alarmResolveSchema, req.body, 'body');
    return deps.alarms.resolve(requireUser(req), id, body.note, req.ip);
  });
}
