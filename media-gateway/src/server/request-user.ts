import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../auth/auth-user';
import { unauthorized } from '../platform/errors';

/**
 * The caller of a route the access guard already let through. The guard sets `req.user` for every non-public
 * route; if a route is ever registered as public by mistake, this answers 401 instead of crashing on null.
 */
export function requireUser(req: FastifyRequest): AuthUser {
  if (!req.user) throw unauthorized();
  return req.user;
}
