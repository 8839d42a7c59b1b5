import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { alarmRuleCreateSchema, alarmSourceCreateSchema, alarmSourceUpdateSchema, type AlarmRuleCreate, type AlarmRuleDto } from '../../../contracts/src/alarm';
import type { AuthUser } from '../auth/auth-user';
import { requires } from '../auth/route-policy';
import type { ScopeService } from '../auth/scope-service';
import { denyOutOfScope } from '../auth/scope-denial';
import { parseInput } from '../server/validate';
import type { AuditRepository } from '../db/audit-repository';
import type { LayoutRepository } from '../db/layout-repository';
import type { OrgUnitRepository } from '../db/org-unit-repository';
import type { WallRepository } from '../db/wall-repository';
import { badRequest, notFound } from '../platform/errors';
import type { AlarmRuleRepository } from './alarm-rule-repository';
import type { AlarmSourceService } from './alarm-source-service';
import { requireUser } from '../server/request-user';

const idParams = z.object({ id: z.string().min(1).max(64) });

export interface AlarmAdminRouteDeps {
  sources: AlarmSourceService;
  rules: AlarmRuleRepository;
  layouts: Pick<LayoutRepository, 'get'>;
  walls: Pick<WallRepository, 'get'>;
  orgUnits: Pick<OrgUnitRepository, 'get'>;
  scope: ScopeService;
  audit: AuditRepository;
}

/**
 * API keys of external alarm sources (admins) and response plans (预案; whoever drives the wall). Both belong to the
 * org unit they cover (null = the whole site): a scoped user creates, changes and removes only those at or under its
 * own unit, and sees those plus the ones above it (read-only); a 403 here is audited by the access guard.
 */
export function registerAlarmAdminRoutes(app: FastifyInstance, deps: AlarmAdminRouteDeps): void {
  const { scope } = deps;
  app.get('/api/v1/alarm-sources', { config: requires('alarm-source.manage', 'global') }, async (req) => ({ items: deps.sources.list(requireUser(req)) }));

  // The answer carries the key: the only time it is ever shown.
  app.post('/api/v1/alarm-sources', { config: requires('alarm-source.manage', 'global') }, async (req, reply) => {
    const body = parseInput(alarmSourceCreateSchema, req.body, 'body');
    reply.header('cache-control', 'no-store');
    return reply.code(201).send(deps.sources.create(requireUser(req), body, req.ip));
  });

  // Like creating: the answer carries the new key, shown this once; the old key is refused from now on.
  app.post('/api/v1/alarm-sources/:id/rotate', { config: requires('alarm-source.manage', 'global') }, async (req, reply) => {
    const { id } = parseInput(idParams, req.params, 'params');
    reply.header('cache-control', 'no-store');
    return reply.send(deps.sources.rotate(requireUser(req), id, req.ip));
  });

  app.patch('/api/v1/alarm-sources/:id', { config: requires('alarm-source.manage', 'global') }, async (req) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const body = parseInput(alarmSourceUpdateSchema, req.body, 'body');
    return deps.sources.update(requireUser(req), id, body, req.ip);
  });

  app.delete('/api/v1/alarm-sources/:id', { config: requires('alarm-source.manage', 'global') }, async (req, reply) => {
    const { id } = parseInput(idParams, req.params, 'params');
    deps.sources.revoke(requireUser(req), id, req.ip);
    return reply.code(204).send();
  });

  const deny = (req: FastifyRequest, type: string, id: string, reason: string) => denyOutOfScope(deps.audit, req, { type, id }, reason);
  const where = (orgUnitId: string | null) => (orgUnitId === null ? 'every org unit' : `org unit ${orgUnitId}`);
  const checkRule = (req: FastifyRequest, ruleId: string, r: AlarmRuleCreate) => {
    const user = requireUser(req);
    if (r.orgUnitId !== null && !deps.orgUnits.get(r.orgUnitId)) throw badRequest('body.orgUnitId: unknown org unit');
    if (!scope.canManage(user, r.orgUnitId)) throw deny(req, 'alarm-rule', ruleId, r.orgUnitId === null ? 'only a county-level user may write a rule for every org unit' : 'org unit is outside your scope');
    if (r.layoutId !== null) {
      const layout = deps.layouts.get(r.layoutId);
      if (!layout) throw badRequest('body.layoutId: unknown layout');
      // Walls and every operator's pop-up must be able to load it.
      if (layout.visibility !== 'everyone') throw badRequest('body.layoutId: a rule can only use a layout shared with everyone');
      // …every operator the rule concerns, i.e. the layout is shared at or above the rule's org unit.
      if (!scope.canSeeShared({ orgUnitId: r.orgUnitId }, layout.ownerOrgUnitId) || !scope.canSeeShared(user, layout.ownerOrgUnitId)) {
        throw deny(req, 'layout', layout.id, `body.layoutId: layout ${layout.id} is not shared with ${where(r.orgUnitId)}`);
      }
    }
    if (r.wallId !== null) {
      const wall = deps.walls.get(r.wallId);
      // A county-level user may name a wall before it is first used; a scoped one only its own walls.
      if (!wall && user.orgUnitId !== null) throw badRequest(`body.wallId: unknown wall ${r.wallId}`);
      if (wall && !scope.canManage(user, wall.orgUnitId)) throw deny(req, 'wall', wall.id, `body.wallId: wall ${wall.id} is outside your scope`);
    }
  };
  /** 404 when there is none; 403 when it covers org units outside what the caller may see or (`manage`) change. */
  const ruleFor = (req: FastifyRequest, id: string, manage: boolean): AlarmRuleDto => {
    const user = requireUser(req);
    const rule = deps.rules.get(id);
    if (!rule) throw notFound('alarm rule');
    if (!(manage ? scope.canManage(user, rule.orgUnitId) : scope.canSeeShared(user, rule.orgUnitId))) throw deny(req, 'alarm-rule', id, `rule is outside your scope (it covers ${where(rule.orgUnitId)})`);
    return rule;
  };
  // A rule change and its audit row commit together.
  const audited = <T>(user: AuthUser, action: string, id: string, ip: string, write: () => T): T =>
    deps.audit.recorded(write, { userId: user.id, username: user.username, action, targetType: 'alarm-rule', targetId: id, outcome: 'ok', ip });

  app.get('/api/v1/alarm-rules', { config: requires('wall.control', 'global') }, async (req) => {
    const user = requireUser(req);
    return { items: deps.rules.list().filter((r) => scope.canSeeShared(user, r.orgUnitId)) };
  });

  app.get('/api/v1/alarm-rules/:id', { config: requires('wall.control', 'global') }, async (req) => {
    const { id } = parseInput(idParams, req.params, 'params');
    return ruleFor(req, id, false);
  });

  app.post('/api/v1/alarm-rules', { config: requires('wall.control', 'global') }, async (req, reply) => {
    const body = parseInput(alarmRuleCreateSchema, req.body, 'body');
    const id = randomUUID();
    checkRule(req, id, body);
    const rule = audited(requireUser(req), 'alarm-rule.create', id, req.ip, () => deps.rules.save(id, body, requireUser(req).id));
    return reply.code(201).send(rule);
  });

  app.put('/api/v1/alarm-rules/:id', { config: requires('wall.control', 'global') }, async (req) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const body = parseInput(alarmRuleCreateSchema, req.body, 'body');
    ruleFor(req, id, true);
    checkRule(req, id, body);
    const rule = audited(requireUser(req), 'alarm-rule.update', id, req.ip, () => deps.rules.save(id, body, requireUser(req).id));
    return rule;
  });

  app.delete('/api/v1/alarm-rules/:id', { config: requires('wall.control', 'global') }, async (req, reply) => {
    const { id } = parseInput(idParams, req.params, 'params');
    ruleFor(req, id, true);
    audited(requireUser(req), 'alarm-rule.delete', id, req.ip, () => deps.rules.delete(id));
    return reply.code(204).send();
  });
}
