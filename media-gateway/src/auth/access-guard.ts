import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { roleHas } from '../../../contracts/src/permissions';
import type { AuditRepository } from '../db/audit-repository';
import type { CameraRepository } from '../db/camera-repository';
import type { OrgUnitRepository } from '../db/org-unit-repository';
import type { UserRepository } from '../db/user-repository';
import { HttpError, forbidden, notFound, unauthorized } from '../platform/errors';
import type { Clock } from '../platform/clock';
import type { HlsPurpose, HlsTokenSigner } from '../security/hls-token';
import type { AuthUser } from './auth-user';
import type { HlsAccessCache } from './hls-access-cache';
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
    /** An `access.denied` row was written for this request (the guard's own denials). */
    denialAudited: boolean;
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
  /** Remembers tokens that passed the full check (see hls-access-cache.ts); without it every request is checked in full. */
  hlsAccess?: HlsAccessCache;
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
  app.decorateRequest('denialAudited', false);

  // Which request wrote an `access.denied` row of its own (a service's scope check, a scoped admin's user edit): the
  // request's async context says, exactly, whatever other requests of the same caller do meanwhile.
  const requestAudit = new AsyncLocalStorage<{ denied: boolean }>();
  deps.audit.onAppend?.((e) => {
    const ctx = e.action === 'access.denied' ? requestAudit.getStore() : undefined;
    if (ctx) ctx.denied = true;
  });
  app.addHook('onRequest', (_req, _reply, done) => requestAudit.run({ denied: false }, done));

  app.addHook('onRoute', (route) => {
    if (!route.config?.policy) throw new Error(`route ${String(route.method)} ${route.url} declares no access policy`);
  });

  const deny = (req: FastifyRequest, user: AuthUser | null, reason: string, target?: { type: string; id: string }): HttpError => {
    req.denialAudited = true;
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
      req.user = checkHlsToken(req, deps, deny, policy.purpose ?? 'live');
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
    if (user.mustChangePassword && !(policy.access === 'authenticated' && policy.passwordChange)) {
      deny(req, user, 'password change required');
      throw new HttpError(403, 'password_change_required', 'password change required: choose a new password first');
    }
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
    } else if (policy.scope === 'filtered' && user.orgUnitId !== null) {
      // A list filtered by an org unit wholly outside the caller's scope is a probe of another township: refused and
      // audited rather than answered with an empty list. An ancestor of the caller's unit narrows to the caller's.
      const requested = (req.query as Record<string, unknown> | undefined)?.orgUnit;
      if (typeof requested === 'string' && requested !== '' && deps.orgUnits.get(requested)) {
        if (!deps.scope.canSeeOrgUnit(user, requested) && !deps.orgUnits.isWithin(user.orgUnitId, requested)) {
          throw deny(req, user, 'org unit filter is outside your scope', { type: 'org-unit', id: requested });
        }
      }
    }
  });

  // Every 403 leaves an audit row, wherever it was decided (a service's scope check, a scoped admin's user edit, …).
  // Services that audit their own denial are not counted twice.
  app.addHook('onSend', async (req, reply, payload) => {
    if (reply.statusCode !== 403 || req.denialAudited || requestAudit.getStore()?.denied) return payload;
    const user = req.user;
    req.denialAudited = true;
    let reason = 'forbidden';
    try {
      const body = JSON.parse(typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : '{}') as { message?: unknown };
      if (typeof body.message === 'string') reason = body.message.slice(0, 300);
    } catch {
      // not JSON
    }
    const params = (req.params ?? {}) as Record<string, string | undefined>;
    const id = params.id ?? params.cameraId ?? params.alarmId;
    deps.audit.append({
      userId: user?.id ?? null,
      username: user?.username ?? null,
      action: 'access.denied',
      targetType: 'route',
      targetId: `${req.method} ${req.routeOptions.url ?? ''}`,
      outcome: 'denied',
      ip: req.ip,
      details: { reason, ...(id ? { id } : {}) },
    });
    return payload;
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
  purpose: HlsPurpose,
): AuthUser {
  const params = req.params as { cameraId?: string; profile?: string };
  const token = (req.query as { token?: unknown }).token;
  const target = { type: 'camera', id: params.cameraId ?? '' };
  if (typeof token !== 'string') throw deny(req, null, 'HLS token missing', target);
  const stream = { cameraId: params.cameraId ?? '', profile: params.profile ?? '', purpose };
  const now = deps.clock.now();
  // The cache keys on what the token was checked for: a live token's entry never answers a playback request.
  const cacheProfile = purpose === 'live' ? stream.profile : `${stream.profile}#${purpose}`;
  const cached = deps.hlsAccess?.get(token, stream.cameraId, cacheProfile, now);
  if (cached) return cached;
  const check = deps.hlsTokens.verify(token, stream, now);
  if (!check.ok) {
    // A genuine token replayed after expiry or on another camera is attributed to the user it was issued to.
    const holder = 'claims' in check && check.claims ? deps.users.get(check.claims.userId) : null;
    throw deny(req, holder ? { ...toSessionUser(holder), sessionId: '' } : null, `HLS token ${check.reason}`, target);
  }
  // The token proves who asked; the user's current rights still decide (a disabled user or a moved camera stops playing).
  const user = deps.users.get(check.claims.userId);
  if (!user || user.disabled) throw deny(req, null, 'HLS token user no longer active', target);
  const camera = deps.cameras.get(check.claims.cameraId);
  if (!camera) throw notFound('camera');
  const authUser: AuthUser = { ...toSessionUser(user), sessionId: '' };
  const needed = purpose === 'playback' ? 'camera.playback' : check.claims.profile === 'main' ? 'camera.live-main' : 'camera.live';
  if (!roleHas(user.role, needed)) throw deny(req, authUser, `role ${user.role} lacks permission ${needed}`, target);
  if (!deps.scope.canSeeOrgUnit(authUser, camera.orgUnitId)) throw deny(req, authUser, 'camera is outside your org-unit scope', target);
  deps.hlsAccess?.set(token, stream.cameraId, cacheProfile, { user: authUser, expiresAt: check.claims.expiresAt, grant: check.grant });
  return authUser;
}
