import type { GatewayConfig } from '../config/config-schema';
import type { Repositories } from '../db/repositories';
import type { Clock } from '../platform/clock';
import type { HlsRevocations } from '../security/hls-revocations';
import type { PasswordHasher } from '../security/password-hasher';
import type { GatewayModule } from '../server/gateway-module';
import { ensureFirstAdmin } from './bootstrap-admin';
import { ScopeService } from './scope-service';
import { SessionService } from './session-service';
import { registerSessionRoutes } from './session-routes';
import { registerUserRoutes } from './user-routes';

export interface AuthModuleDeps {
  config: GatewayConfig['auth'];
  repos: Pick<Repositories, 'users' | 'sessions' | 'orgUnits' | 'audit'>;
  hasher: PasswordHasher;
  /** Told when sessions end, so their HLS links stop at once. */
  hlsRevocations: HlsRevocations;
  clock: Clock;
  /** Cookies carry `Secure` when the gateway speaks TLS. */
  secureCookies: boolean;
  env: NodeJS.ProcessEnv;
  /** Console output for the one-time generated admin password, kept out of the log. */
  announce(text: string): void;
}

export interface AuthModule extends GatewayModule {
  sessions: SessionService;
  scope: ScopeService;
}

/** Users, sessions and org scope; the first administrator is created at start when there is none. */
export function createAuthModule(deps: AuthModuleDeps): AuthModule {
  const { config: a, repos, clock } = deps;
  const sessions = new SessionService(repos.users, repos.sessions, deps.hasher, clock, {
    ttlSec: a.sessionTtlSec,
    idleSec: a.sessionIdleSec,
    throttle: {
      maxFailures: a.lockoutMaxFailures,
      windowMs: a.lockoutWindowSec * 1000,
      lockoutMs: a.lockoutSec * 1000,
      lockoutMaxMs: a.lockoutMaxSec * 1000,
      ipMaxFailures: a.ipMaxFailures,
      ipDelayMaxMs: a.ipDelayMaxSec * 1000,
    },
  }, deps.hlsRevocations);
  const scope = new ScopeService(repos.orgUnits);
  return {
    name: 'auth',
    sessions,
    scope,
    routes(app) {
      registerSessionRoutes(app, { sessions, audit: repos.audit, secureCookies: deps.secureCookies, passwordMinLength: a.passwordMinLength, now: () => clock.now() });
      registerUserRoutes(app, { users: repos.users, orgUnits: repos.orgUnits, scope, hasher: deps.hasher, audit: repos.audit, sessions, passwordMinLength: a.passwordMinLength });
    },
    start: async () => void (await ensureFirstAdmin(repos.users, deps.hasher, deps.env, deps.announce)),
  };
}
