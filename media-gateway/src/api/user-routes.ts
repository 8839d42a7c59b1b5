import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { userCreateSchema } from '../../../contracts/src/auth';
import { requires } from '../auth/route-policy';
import type { ScopeService } from '../auth/scope-service';
import { toSessionUser } from '../auth/session-service';
import type { AuditRepository } from '../db/audit-repository';
import type { OrgUnitRepository } from '../db/org-unit-repository';
import type { UserRepository } from '../db/user-repository';
import { badRequest, conflict, forbidden } from '../platform/errors';
import type { PasswordHasher } from '../security/password-hasher';
import { parseInput } from './validate';

/** Minimal user administration; lockout, resets and the admin screens come with the roles-and-audit work. */
export function registerUserRoutes(
  app: FastifyInstance,
  deps: { users: UserRepository; orgUnits: OrgUnitRepository; scope: ScopeService; hasher: PasswordHasher; audit: AuditRepository },
): void {
  app.get('/api/v1/users', { config: requires('user.manage', 'filtered') }, async (req) => {
    const items = deps.users.list().filter((u) => u.orgUnitId === null ? req.user!.orgUnitId === null : deps.scope.canSeeOrgUnit(req.user!, u.orgUnitId));
    return { items: items.map(toSessionUser) };
  });

  app.post('/api/v1/users', { config: requires('user.manage', 'global') }, async (req, reply) => {
    const body = parseInput(userCreateSchema, req.body, 'body');
    if (body.orgUnitId !== null) {
      if (!deps.orgUnits.get(body.orgUnitId)) throw badRequest(`body.orgUnitId: unknown org unit ${body.orgUnitId}`);
      if (!deps.scope.canSeeOrgUnit(req.user!, body.orgUnitId)) throw forbidden('org unit is outside your scope');
    } else if (req.user!.orgUnitId !== null) throw forbidden('only county-level administrators may create county-level users');
    if (deps.users.findByUsername(body.username)) throw conflict(`user ${body.username} already exists`);
    const user = deps.users.create({ id: randomUUID(), username: body.username, displayName: body.displayName, passwordHash: await deps.hasher.hash(body.password), role: body.role, orgUnitId: body.orgUnitId });
    deps.audit.append({ userId: req.user!.id, username: req.user!.username, action: 'user.create', targetType: 'user', targetId: user.id, outcome: 'ok', ip: req.ip, details: { role: user.role, orgUnitId: user.orgUnitId } });
    return reply.code(201).send(toSessionUser(user));
  });
}
