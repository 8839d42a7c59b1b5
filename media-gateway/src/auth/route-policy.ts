import type { Permission } from '../../../contracts/src/permissions';

/**
 * Every route declares one of these in its `config.policy`; a route without one fails at start-up
 * (see access-guard.ts), so nothing is reachable by omission.
 *
 * scope:
 * - 'global'       no org-unit check (the permission alone decides)
 * - 'camera-param' `:id` (or `:cameraId`) names a camera that must lie in the caller's org-unit scope
 * - 'org-param'    `:id` names an org unit that must lie in the caller's scope
 * - 'filtered'     the handler narrows results to the caller's scope itself (lists)
 */
export type RoutePolicy =
  | { access: 'public' }
  /** `passwordChange`: also answers while the user must change an administrator-set password (session routes only). */
  | { access: 'authenticated'; passwordChange?: true }
  /** `purpose: playback`: recordings (token from the playback API, `camera.playback` checked); else live. */
  | { access: 'hls-token'; purpose?: 'playback' }
  /** Another system, by its `x-api-key` (alarm sources); no session. See access-guard.ts. */
  | { access: 'api-key' }
  | { access: 'permission'; permission: Permission; scope: 'global' | 'camera-param' | 'org-param' | 'filtered' };

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
  }
}

export const publicRoute = { policy: { access: 'public' } } as const satisfies { policy: RoutePolicy };
export const authenticatedRoute = { policy: { access: 'authenticated' } } as const satisfies { policy: RoutePolicy };
/** The session routes a user who must change their password can still reach (who am I, change it, log out). */
export const sessionRoute = { policy: { access: 'authenticated', passwordChange: true } } as const satisfies { policy: RoutePolicy };
export const hlsTokenRoute = { policy: { access: 'hls-token' } } as const satisfies { policy: RoutePolicy };
export const playbackTokenRoute = { policy: { access: 'hls-token', purpose: 'playback' } } as const satisfies { policy: RoutePolicy };
export const apiKeyRoute = { policy: { access: 'api-key' } } as const satisfies { policy: RoutePolicy };
export const requires = (
  permission: Permission,
  scope: 'global' | 'camera-param' | 'org-param' | 'filtered',
): { policy: RoutePolicy } => ({ policy: { access: 'permission', permission, scope } });
