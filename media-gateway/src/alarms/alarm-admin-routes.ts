import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { alarmRuleCreateSchema, alarmSourceCreateSchema, type AlarmRuleCreate } from '../../../contracts/src/alarm';
import type { AuthUser } from '../auth/auth-user';
import { requires } from '../auth/route-policy';
import type { ScopeService } from '../auth/scope-service';
import { parseInput } from '../server/validate';
import type { AuditRepository } from '../db/audit-repository';
import type { LayoutRepository } from '../db/layout-repository';
import type { OrgUnitRepository } from '../db/org-unit-repository';
import { badRequest, forbidden, notFound } from '../platform/errors';
import type { AlarmRuleRepository } from './alarm-rule-repository';
import type { AlarmSourceService } from './alarm-source-service';
import { requireUser } from '../server/request-user';

const idParams = z.object({ id: z.string().min(1).max(64) });

export interface AlarmAdminRouteDeps {
  sources: AlarmSourceService;
  rules: AlarmRuleRepository;
  layouts: Pick<LayoutRepository, 'get'>;
  orgUnits: Pick<OrgUnitRepository, 'get'>;
  scope: ScopeService;
  audit: AuditRepository;
}

/** API keys of external alarm sources (admins) and response plans (预案; whoever drives the wall). */
export function registerAlarmAdminRoutes(app: FastifyInstance, deps: AlarmAdminRouteDeps): void {
  app.get('/api/v1/alarm-sources', { config: requires('alarm-source.manage', 'global') }, async () => ({ items: deps.sources.list() }));

  // The answer carries the key: the only time it is ever shown.
  app.post('/api/v1/alarm-sources', { config: requires('alarm-source.manage', 'global') }, async (req, reply) => {
    const body = parseInput(alarmSourceCreateSchema, req.body, 'body');
    reply.header('cache-control', 'no-store');
    return reply.code(201).send(deps.sources.create(requireUser(req), body, req.ip));
  });

  app.delete('/api/v1/alarm-sources/:id', { config: requires('alarm-source.manage', 'global') }, async (req, reply) => {
    const { id } = parseInput(idParams, req.params, 'params');
    deps.sources.revoke(requireUser(req), id, req.ip);
    return reply.code(204).send();
  });

  const checkRule = (user: AuthUser, r: AlarmRuleCreate) => {
    if (r.orgUnitId !== null) {
      if (!deps.orgUnits.get(r.orgUnitId)) throw badRequest('body.orgUnitId: unknown org unit');
      if (!deps.scope.canSeeOrgUnit(user, r.orgUnitId)) throw forbidden('org unit is outside your scope');
    } else if (user.orgUnitId !== null) throw forbidden('only a county-level user may write a rule for every org unit');
    if (r.layoutId !== null) {
      const layout = deps.layouts.get(r.layoutId);
      if (!layout) throw badRequest('body.layoutId: unknown layout');
      // Walls and every operator's pop-up must be able to load it.
      if (layout.visibility !== 'everyone') throw badRequest('body.layoutId: a rule can only use a layout shared with everyone');
    }
  };
  // A rule change and its audit row commit together.
  const audited = <T>(user: AuthUser, action: string, id: string, ip: string, write: () => T): T =>
    deps.audit.recorded(write, { userId: user.id, username: user.username, action, targetType: 'alarm-rule', targetId: id, outcome: 'ok', ip });

  app.get('/api/v1/alarm-rules', { config: requires('wall.control', 'global') }, async () => ({ items: deps.rules.list() }));

  app.get('/api/v1/alarm-rules/:id', { config: requires('wall.control', 'global') }, async (req) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const rule = deps.rules.get(id);
    if (!rule) throw notFound('alarm rule');
    return rule;
  });

  app.post('/api/v1/alarm-rules', { config: requires('wall.control', 'global') }, async (req, reply) => {
    const body = parseInput(alarmRuleCreateSchema, req.body, 'body');
    checkRule(requireUser(req), body);
    const id = randomUUID();
    const rule = audited(requireUser(req), 'alarm-rule.create', id, req.ip, () => deps.rules.save(id, body, requireUser(req).id));
    return reply.code(201).send(rule);
  });

  app.put('/api/v1/alarm-rules/:id', { config: requires('wall.control', 'global') }, async (req) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const body = parseInput(alarmRuleCreateSchema, req.body, 'body');
    const current = deps.rules.get(id);
    if (!current) throw notFound('alarm rule');
    if (current.orgUnitId !== null && !deps.scope.canSeeOrgUnit(requireUser(req), current.orgUnitId)) throw forbidden('rule is outside your scope');
    checkRule(requireUser(req), body);
    const rule = audited(requireUser(req), 'alarm-rule.update', id, req.ip, () => deps.rules.save(id, body, requireUser(req).id));
    return rule;
  });

  app.delete('/api/v1/alarm-rules/:id', { config: requires('wall.control', 'global') }, async (req, reply) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const current = deps.rules.get(id);
    if (!current) throw notFound('alarm rule');
    if (current.orgUnitId === null ? requireUser(req).orgUnitId !== null : !deps.scope.canSeeOrgUnit(requireUser(req), current.orgUnitId)) throw forbidden('rule is outside your scope');
    audited(requireUser(req), 'alarm-rule.delete', id, req.ip, () => deps.rules.delete(id));
    return reply.code(204).send();
  });
}
