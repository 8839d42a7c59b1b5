import type { FastifyInstance, FastifyReply } from 'fastify';
import { loginRequestSchema, passwordChangeSchema, type LoginResponse } from '../../../contracts/src/auth';
import { SESSION_COOKIE } from './access-guard';
import { passwordProblem } from './password-policy';
import { publicRoute, sessionRoute } from './route-policy';
import type { SessionService } from './session-service';
import type { AuditRepository } from '../db/audit-repository';
import { HttpError, badRequest, unauthorized } from '../platform/errors';
import { parseInput } from '../server/validate';
import { requireUser } from '../server/request-user';

export interface SessionRouteDeps {
  sessions: SessionService;
  audit: AuditRepository;
  secureCookies: boolean;
  passwordMinLength: number;
  now?: () => number;
}

/**
 * Login, who-am-I, logout, own password change. A failed login answers the same 401 whether the user exists, the
 * password is wrong or the account is disabled; a locked username answers 429 (for unknown names too); a throttled
 * address is slowed, not refused.
 */
export function registerSessionRoutes(app: FastifyInstance, deps: SessionRouteDeps): void {
  const now = deps.now ?? Date.now;
  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

  app.post('/api/v1/session', { config: publicRoute }, async (req, reply) => {
    noStore(reply);
    const body = parseInput(loginRequestSchema, req.body, 'body');
    const result = await deps.sessions.login(body.username, body.password, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null }, (write, user) =>
      deps.audit.recorded(write, { userId: user.id, username: user.username, action: 'session.login', outcome: 'ok', ip: req.ip, details: user.mustChangePassword ? { mustChangePassword: true } : null }),
    );
    if (!result.ok) {
      if (result.reason === 'locked') {
        deps.audit.append({ userId: null, username: body.username, action: 'session.login', outcome: 'denied', ip: req.ip, details: { reason: 'locked', scope: result.scope } });
        reply.header('retry-after', String(result.retryAfterSec));
        throw new HttpError(429, 'too_many_attempts', 'too many failed login attempts; try again later');
      }
      deps.audit.append({ userId: result.userId, username: body.username, action: 'session.login', outcome: 'failed', ip: req.ip, details: { reason: result.reason } });
      if (result.lockedNow) {
        // 'ip': from now on, attempts from this address are slowed (addresses are never locked).
        const action = result.lockedNow === 'ip' ? 'session.throttle' : 'session.lockout';
        deps.audit.append({ userId: result.userId, username: body.username, action, outcome: 'denied', ip: req.ip, details: { scope: result.lockedNow } });
      }
      throw unauthorized('wrong username or password');
    }
    const maxAge = Math.max(0, Math.floor((result.expiresAt - now()) / 1000));
    reply.header(
      'set-cookie',
      `${SESSION_COOKIE}=${encodeURIComponent(result.token)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${deps.secureCookies ? '; Secure' : ''}`,
    );
    const response: LoginResponse = { token: result.token, expiresAt: new Date(result.expiresAt).toISOString(), user: result.user };
    return response;
  });

  app.get('/api/v1/session', { config: sessionRoute }, async (req, reply) => {
    noStore(reply);
    const { sessionId: _s, mustChangePassword, ...user } = requireUser(req);
    return { user: { ...user, ...(mustChangePassword ? { mustChangePassword: true } : {}) } };
  });

  app.delete('/api/v1/session', { config: sessionRoute }, async (req, reply) => {
    const user = requireUser(req);
    deps.audit.recorded(() => deps.sessions.logout(user.sessionId), { userId: user.id, username: user.username, action: 'session.logout', outcome: 'ok', ip: req.ip });
    reply.header('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${deps.secureCookies ? '; Secure' : ''}`);
    return reply.code(204).send();
  });

  /** The user's own password: the current one is required; other sessions of the user end. */
  app.post('/api/v1/session/password', { config: sessionRoute }, async (req, reply) => {
    const user = requireUser(req);
    const body = parseInput(passwordChangeSchema, req.body, 'body');
    const problem = passwordProblem(body.newPassword, user.username, deps.passwordMinLength);
    if (problem) throw badRequest(`body.newPassword: ${problem}`);
    const okEntry = { userId: user.id, username: user.username, action: 'user.password-change', targetType: 'user', targetId: user.id, outcome: 'ok' as const, ip: req.ip };
    const result = await deps.sessions.changePassword(user, body.currentPassword, body.newPassword, req.ip, (write) => deps.audit.recorded(write, okEntry));
    if (result !== 'ok') {
      deps.audit.append({ userId: user.id, username: user.username, action: 'user.password-change', targetType: 'user', targetId: user.id, outcome: 'failed', ip: req.ip, details: { reason: result } });
      if (result === 'locked') throw new HttpError(429, 'too_many_attempts', 'too many failed attempts; try again later');
      throw new HttpError(400, 'bad_request', 'body.currentPassword: wrong password');
    }
    return reply.code(204).send();
  });
}
