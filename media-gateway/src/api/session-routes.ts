import type { FastifyInstance } from 'fastify';
import { loginRequestSchema, type LoginResponse } from '../../../contracts/src/auth';
import { SESSION_COOKIE } from '../auth/access-guard';
import { authenticatedRoute, publicRoute } from '../auth/route-policy';
import type { SessionService } from '../auth/session-service';
import type { AuditRepository } from '../db/audit-repository';
import { unauthorized } from '../platform/errors';
import { parseInput } from './validate';

export function registerSessionRoutes(app: FastifyInstance, deps: { sessions: SessionService; audit: AuditRepository; secureCookies: boolean }): void {
  app.post('/api/v1/session', { config: publicRoute }, async (req, reply) => {
    const body = parseInput(loginRequestSchema, req.body, 'body');
    const result = await deps.sessions.login(body.username, body.password, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
    if (!result.ok) {
      deps.audit.append({ userId: null, username: body.username, action: 'session.login', outcome: 'failed', ip: req.ip, details: { reason: result.reason } });
      throw unauthorized('wrong username or password');
    }
    deps.audit.append({ userId: result.user.id, username: result.user.username, action: 'session.login', outcome: 'ok', ip: req.ip });
    const maxAge = Math.floor((result.expiresAt - Date.now()) / 1000);
    reply.header(
      'set-cookie',
      `${SESSION_COOKIE}=${encodeURIComponent(result.token)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${deps.secureCookies ? '; Secure' : ''}`,
    );
    const response: LoginResponse = { token: result.token, expiresAt: new Date(result.expiresAt).toISOString(), user: result.user };
    return response;
  });

  app.get('/api/v1/session', { config: authenticatedRoute }, async (req) => {
    const { sessionId: _s, ...user } = req.user!;
    return { user };
  });

  app.delete('/api/v1/session', { config: authenticatedRoute }, async (req, reply) => {
    const user = req.user!;
    deps.sessions.logout(user.sessionId);
    deps.audit.append({ userId: user.id, username: user.username, action: 'session.logout', outcome: 'ok', ip: req.ip });
    reply.header('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
    return reply.code(204).send();
  });
}
