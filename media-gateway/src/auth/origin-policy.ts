import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from '../platform/errors';

/**
 * CORS closed by default: the console is served by the gateway itself, so every legitimate browser request is
 * same-origin. No `Access-Control-Allow-*` header is ever sent; a preflight (OPTIONS) is refused; a request whose
 * `Origin` names another site (a cross-site form post, fetch, or WebSocket upgrade) is refused before routing, unless
 * that origin is listed in `http.allowedOrigins` (which then gets the CORS headers it needs). Tools without a
 * browser send no `Origin` and are unaffected.
 */
export function registerOriginPolicy(app: FastifyInstance, allowedOrigins: readonly string[] = []): void {
  const allowed = new Set(allowedOrigins.map((o) => o.toLowerCase()));

  const sameOrigin = (req: FastifyRequest, origin: string): boolean => {
    const host = (req.headers.host ?? (req.headers[':authority'] as string | undefined) ?? '').toLowerCase();
    try {
      return host !== '' && new URL(origin).host.toLowerCase() === host;
    } catch {
      return false;
    }
  };

  app.addHook('onRequest', async (req, reply) => {
    const origin = req.headers.origin;
    const listed = origin !== undefined && allowed.has(origin.toLowerCase());
    if (req.method === 'OPTIONS') {
      if (!listed) throw new HttpError(403, 'forbidden', 'cross-origin requests are not allowed');
      reply.header('access-control-allow-origin', origin);
      reply.header('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE');
      reply.header('access-control-allow-headers', 'authorization, content-type, x-api-key');
      reply.header('access-control-max-age', '600');
      reply.header('vary', 'origin');
      return reply.code(204).send();
    }
    if (origin === undefined || sameOrigin(req, origin)) return;
    if (!listed) throw new HttpError(403, 'forbidden', 'cross-origin requests are not allowed');
    reply.header('access-control-allow-origin', origin);
    reply.header('vary', 'origin');
  });
}
