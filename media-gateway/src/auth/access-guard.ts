import type { FastifyInstance, FastifyRequest } from 'fastify';
import { roleHas } from '../../../contracts/src/permissions';
import type { AuditRepository } from '../db/audit-repository';
import type { CameraRepository } from '../db/camera-repository';
import type { OrgUnitRepository } from '../db/org-unit-repository';
import type { UserRepository } from '../db/user-repository';
import type { HttpError} from '../platform/errors';
import { forbidden, notFound, unauthorized } from '../platform/errors';
import type { Clock } from '../platform/clock';
import type { HlsTokenSigner } from '../security/hls-token';
import type { AuthUser } from './auth-user';
import type { RoutePolicy } from './route-policy';
import type { ScopeService } from './scope-service';
import type { SessionService } from './session-service';
import { toSessionUser } from './session-service';

export const SESSION_COOKIE = 'cvg_session';

/** Another system authenticated by its API key (`x-api-key`), e.g. an external alarm source. */
export interface ApiKeyClient {
  id: string;
  name: string;
  /** The client may only act within this org unit's subtree; null = the whole site. */
  allowedOrgUnitId: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    apiClient: ApiKeyClient | null;
  }
}

export interface AccessGuardDeps {
  sessions: SessionService;
  scope: ScopeService;
  cameras: CameraRepository;
  orgUnits: OrgUnitRepository;
  users: UserRepository;
  audit: AuditRepository;
  hlsTokens: HlsTokenSigner;
  clock: Clock;
  /** Resolves an API key to its client (null = unknown or revoked); without it every `api-key` route answers 401. */
  apiKeys?: (key: string) => ApiKeyClient | null;
}

function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (h?.startsWith('Bearer ')) return h.slice(7).trim();
  return readCookie(req.headers.cookie, SESSION_COOKIE);
}

/**
 * Default deny: a route without a declared policy makes start-up fail; every request is checked against
 * its route's policy before any handler runs; denials are audited.
 */
export function registerAccessGuard(app: FastifyInstance, deps: AccessGuardDeps): void {
  app.decorateRequest('user', null);
  app.decorateRequest('apiClient', null);

  app.addHook('onRoute', (route) => {
    if (!route.config?.policy) throw new Error(`route ${String(route.method)} ${route.url} declares no access policy`);
  });

  const deny = (req: FastifyRequest, user: AuthUser | null, reason: string, target?: { type: string; id: string }): HttpError => {
    deps.audit.append({
      userId: user?.id ?? null,
      username: user?.username ?? null,
      action: 'access.denied',
      targetType: target?.type ?? 'route',
      targetId: target?.id ?? `${req.method} ${req.routeOptions.url ?? ''}`,
      outcome: 'denied',
      ip: req.ip,
      details: { reason },
    });
    return forbidden(reason);
  };

  app.addHook('onRequest', async (req) => {
    if (req.is404) return;
    const policy: RoutePolicy | undefined = req.routeOptions.config?.policy;
    if (!policy) throw deny(req, null, 'route has no access policy');
    if (policy.access === 'public') return;
    if (policy.access === 'hls-token') {
      req.user = checkHlsToken(req, deps, deny);
      return;
    }
    if (policy.access === 'api-key') {
      req.apiClient = checkApiKey(req, deps);
      return;
    }
    const token = bearer(req);
    const user = token ? deps.sessions.authenticate(token) : null;
    if (!user) throw unauthorized(token ? 'session expired or invalid' : 'authentication required');
    req.user = user;
    if (policy.access === 'authenticated') return;
    if (!roleHas(user.role, policy.permission)) throw deny(req, user, `role ${user.role} lacks permission ${policy.permission}`);
    const params = (req.params ?? {}) as Record<string, string | undefined>;
    if (policy.scope === 'camera-param') {
      const id = params.id ?? params.cameraId ?? '';
      const camera = deps.cameras.get(id);
      if (!camera) throw notFound('camera');
      if (!deps.scope.canSeeOrgUnit(user, camera.orgUnitId)) throw deny(req, user, 'camera is outside your org-unit scope', { type: 'camera', id });
    } else if (policy.scope === 'org-param') {
      const id = params.id ?? '';
      if (!deps.orgUnits.get(id)) throw notFound('org unit');
      if (!deps.scope.canSeeOrgUnit(user, id)) throw deny(req, user, 'org unit is outside your scope', { type: 'org-unit', id });
    }
  });
}

/** 401 for a missing, unknown or revoked key; every refusal is audited (a misconfigured system shows up there). */
function checkApiKey(req: FastifyRequest, deps: AccessGuardDeps): ApiKeyClient {
  const header = req.headers['x-api-key'];
  const key = typeof header === 'string' ? header.trim() : '';
  const client = key && deps.apiKeys ? deps.apiKeys(key) : null;
  if (client) return client;
  const reason = key ? 'API key invalid or revoked' : 'API key missing';
  deps.audit.append({
    userId: null,
    username: null,
    action: 'access.denied',
    targetType: 'route',
    targetId: `${req.method} ${req.routeOptions.url ?? ''}`,
    outcome: 'denied',
    ip: req.ip,
    // The prefix is what the key list shows anyway: enough to tell which system is misconfigured.
    details: { reason, keyPrefix: key ? key.slice(0, 12) : null },
  });
  throw unauthorized(key ? 'API key invalid or revoked' : 'API key required (x-api-key header)');
}

function checkHlsToken(
  req: FastifyRequest,
  deps: AccessGuardDeps,
  deny: (req: FastifyRequest, user: AuthUser | null, reason: string, target?: { type: string; id: string }) => HttpError,
): AuthUser {
  const params = req.params as { cameraId?: string; profile?: string };
  const token = (req.query as { token?: unknown }).token;
  const target = { type: 'camera', id: params.cameraId ?? '' };
  if (typeof token !== 'string') throw deny(req, null, 'HLS token missing', target);
  const check = deps.hlsTokens.verify(token, { cameraId: params.cameraId ?? '', profile: params.profile ?? '' }, deps.clock.now());
  if (!check.ok) throw deny(req, null, `HLS token ${check.reason}`, target);
  // The token proves who asked; the user's current rights still decide (a disabled user or a moved camera stops playing).
  const user = deps.users.get(check.claims.userId);
  if (!user || user.disabled) throw deny(req, null, 'HLS token user no longer active', target);
  const camera = deps.cameras.get(check.claims.cameraId);
  if (!camera) throw notFound('camera');
  const authUser: AuthUser = { ...toSessionUser(user), sessionId: '' };
  const needed = check.claims.profile === 'main' ? 'camera.live-main' : 'camera.live';
  if (!roleHas(user.role, needed)) throw deny(req, authUser, `role ${user.role} lacks permission ${needed}`, target);
  if (!deps.scope.canSeeOrgUnit(authUser, camera.orgUnitId)) throw deny(req, authUser, 'camera is outside your org-unit scope', target);
  return authUser;
}
