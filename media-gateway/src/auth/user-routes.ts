import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ROLES, passwordResetSchema, userCreateSchema, userUpdateSchema, type UserDto } from '../../../contracts/src/auth';
import { ROLE_PERMISSIONS } from '../../../contracts/src/permissions';
import type { AuthUser } from './auth-user';
import { passwordProblem } from './password-policy';
import { requires } from './route-policy';
import type { ScopeService } from './scope-service';
import { toSessionUser, type SessionService } from './session-service';
import type { AuditEntry, AuditRepository } from '../db/audit-repository';
import type { OrgUnitRepository } from '../db/org-unit-repository';
import type { UserRecord, UserRepository } from '../db/user-repository';
import { badRequest, conflict, forbidden, notFound } from '../platform/errors';
import type { PasswordHasher } from '../security/password-hasher';
import { parseInput } from '../server/validate';
import { requireUser } from '../server/request-user';

const idParams = z.object({ id: z.string().min(1).max(64) }).strict();

export interface UserRouteDeps {
  users: UserRepository;
  orgUnits: OrgUnitRepository;
  scope: ScopeService;
  hasher: PasswordHasher;
  audit: AuditRepository;
  sessions: SessionService;
  passwordMinLength: number;
}

export const toUserDto = (u: UserRecord): UserDto => ({
  ...toSessionUser(u),
  disabled: u.disabled,
  mustChangePassword: u.mustChangePassword,
  createdAt: new Date(u.createdAt).toISOString(),
  passwordChangedAt: new Date(u.passwordChangedAt).toISOString(),
});

/**
 * User administration (user.manage). Scope rules: an administrator scoped to an org unit sees and manages only users
 * inside its subtree, and can neither create nor move a user outside it, nor make anyone county-level (no org unit).
 * Nobody changes their own role, scope or enabled state here (no self-escalation, no self-lockout). All audited.
 */
export function registerUserRoutes(app: FastifyInstance, deps: UserRouteDeps): void {
  const manages = (admin: AuthUser, u: Pick<UserRecord, 'orgUnitId'>) =>
    u.orgUnitId === null ? admin.orgUnitId === null : deps.scope.canSeeOrgUnit(admin, u.orgUnitId);

  // Each change and its audit row commit together (deps.audit.recorded).
  const entry = (req: FastifyRequest, action: string, targetId: string | null, details: Record<string, unknown> | null): AuditEntry => ({
    userId: requireUser(req).id,
    username: requireUser(req).username,
    action,
    targetType: 'user',
    targetId,
    outcome: 'ok',
    ip: req.ip,
    details,
  });

  const deny = (req: FastifyRequest, action: string, targetId: string | null, reason: string) => {
    req.denialAudited = true;
    deps.audit.append({ userId: requireUser(req).id, username: requireUser(req).username, action: 'access.denied', targetType: 'user', targetId, outcome: 'denied', ip: req.ip, details: { reason, attempted: action } });
    return forbidden(reason);
  };

  /** The target user, if the caller manages it: 404 when there is none, 403 (audited) outside the caller's scope. */
  const target = (req: FastifyRequest, action: string): UserRecord => {
    const { id } = parseInput(idParams, req.params, 'params');
    const user = deps.users.get(id);
    if (!user) throw notFound('user');
    if (!manages(requireUser(req), user)) throw deny(req, action, id, 'user is outside your org-unit scope');
    return user;
  };

  /** A new org unit for a user: must exist and lie in the caller's scope; county level only for a county-level caller. */
  const checkOrgUnit = (req: FastifyRequest, action: string, targetId: string | null, orgUnitId: string | null) => {
    if (orgUnitId === null) {
      if (requireUser(req).orgUnitId !== null) throw deny(req, action, targetId, 'only county-level administrators may grant county-level scope');
      return;
    }
    if (!deps.orgUnits.get(orgUnitId)) throw badRequest(`body.orgUnitId: unknown org unit ${orgUnitId}`);
    if (!deps.scope.canSeeOrgUnit(requireUser(req), orgUnitId)) throw deny(req, action, targetId, 'org unit is outside your scope');
  };

  const checkPassword = (password: string, username: string, field: string) => {
    const problem = passwordProblem(password, username, deps.passwordMinLength);
    if (problem) throw badRequest(`${field}: ${problem}`);
  };

  app.get('/api/v1/roles', { config: requires('user.manage', 'global') }, async () => ({
    items: ROLES.map((role) => ({ role, permissions: [...ROLE_PERMISSIONS[role]] })),
  }));

  app.get('/api/v1/users', { config: requires('user.manage', 'filtered') }, async (req) => ({
    items: deps.users.list().filter((u) => manages(requireUser(req), u)).map(toUserDto),
  }));

  app.get('/api/v1/users/:id', { config: requires('user.manage', 'filtered') }, async (req) => toUserDto(target(req, 'user.read')));

  app.post('/api/v1/users', { config: requires('user.manage', 'filtered') }, async (req, reply) => {
    const body = parseInput(userCreateSchema, req.body, 'body');
    checkOrgUnit(req, 'user.create', null, body.orgUnitId);
    checkPassword(body.password, body.username, 'body.password');
    if (deps.users.findByUsername(body.username)) throw conflict(`user ${body.username} already exists`);
    const passwordHash = await deps.hasher.hash(body.password);
    const user = deps.audit.recorded(
      () =>
        deps.users.create({
          id: randomUUID(),
          username: body.username,
          displayName: body.displayName,
          passwordHash,
          role: body.role,
          orgUnitId: body.orgUnitId,
          mustChangePassword: body.mustChangePassword ?? false,
        }),
      (u) => entry(req, 'user.create', u.id, { username: u.username, role: u.role, orgUnitId: u.orgUnitId, mustChangePassword: u.mustChangePassword }),
    );
    return reply.code(201).send(toUserDto(user));
  });

  app.patch('/api/v1/users/:id', { config: requires('user.manage', 'filtered') }, async (req) => {
    const user = target(req, 'user.update');
    const body = parseInput(userUpdateSchema, req.body, 'body');
    const self = user.id === requireUser(req).id;
    if (self && (body.role !== undefined || body.orgUnitId !== undefined || body.disabled !== undefined)) {
      throw deny(req, 'user.update', user.id, 'you cannot change your own role, scope or enabled state');
    }
    if (body.orgUnitId !== undefined) checkOrgUnit(req, 'user.update', user.id, body.orgUnitId);
    const role = body.role ?? user.role;
    const orgUnitId = body.orgUnitId === undefined ? user.orgUnitId : body.orgUnitId;
    if (role === 'township-officer' && orgUnitId === null) throw badRequest('body.orgUnitId: a township duty officer needs an org unit');
    const changes: Record<string, unknown> = {};
    for (const k of ['displayName', 'role', 'orgUnitId', 'disabled'] as const) {
      if (body[k] !== undefined && body[k] !== user[k]) changes[k] = { from: user[k], to: body[k] };
    }
    const action = body.disabled === true && !user.disabled ? 'user.disable' : body.disabled === false && user.disabled ? 'user.enable' : 'user.update';
    const { updated } = deps.audit.recorded(
      () => ({
        updated: deps.users.update(user.id, body)!,
        // Role and scope apply to the next request of every session (the guard reads the user each time); disabling
        // ends the sessions now, and the user's HLS tokens stop at their next request (the guard checks `disabled`).
        sessionsEnded: body.disabled === true ? deps.sessions.endSessionsOf(user.id) : 0,
      }),
      ({ sessionsEnded }) => entry(req, action, user.id, { username: user.username, changes, ...(sessionsEnded ? { sessionsEnded } : {}) }),
    );
    return toUserDto(updated);
  });

  app.post('/api/v1/users/:id/reset-password', { config: requires('user.manage', 'filtered') }, async (req, reply) => {
    const user = target(req, 'user.password-reset');
    const body = parseInput(passwordResetSchema, req.body, 'body');
    checkPassword(body.password, user.username, 'body.password');
    const passwordHash = await deps.hasher.hash(body.password);
    deps.audit.recorded(
      () => {
        deps.users.setPassword(user.id, passwordHash, true);
        return deps.sessions.endSessionsOf(user.id);
      },
      (sessionsEnded) => entry(req, 'user.password-reset', user.id, { username: user.username, sessionsEnded }),
    );
    return reply.code(204).send();
  });
}
