import type { FastifyRequest } from 'fastify';
import type { AuditRepository } from '../db/audit-repository';
import { forbidden, type HttpError } from '../platform/errors';

/**
 * A route's own scope refusal: one `access.denied` row naming the object (not just the route), and the guard's
 * catch-all for 403s is told not to write a second one. Returns the 403 to throw.
 */
export function denyOutOfScope(audit: Pick<AuditRepository, 'append'>, req: FastifyRequest, target: { type: string; id: string }, reason: string): HttpError {
  req.denialAudited = true;
  audit.append({
    userId: req.user?.id ?? null,
    username: req.user?.username ?? null,
    action: 'access.denied',
    targetType: target.type,
    targetId: target.id,
    outcome: 'denied',
    ip: req.ip,
    details: { reason, route: `${req.method} ${req.routeOptions.url ?? ''}` },
  });
  return forbidden(reason);
}
