import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { Logger } from '../platform/logger';
import { HttpError, isStorageFull, isStorageUnavailable, STORAGE_RETRY_AFTER_SEC } from '../platform/errors';
import type { TlsMaterial } from './tls-certificate';

export interface HttpServerOptions {
  log: Logger;
  tls: TlsMaterial | null;
  bodyLimitBytes?: number;
  onStorageFull?: () => void;
}

/**
 * HTTP/2 over TLS by default so a 36-tile wall shares one connection (browsers cap HTTP/1.1 at 6 per host);
 * HTTP/1.1 is still accepted on the same port for tools and WebSocket upgrades. Plain HTTP/1.1 only when configured.
 */
export function createHttpServer(opts: HttpServerOptions): FastifyInstance {
  const common = {
    loggerInstance: opts.log,
    // Per-request logs would be dozens a second per wall (HLS parts); access that matters is audited instead.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: opts.bodyLimitBytes ?? 1024 * 1024,
    trustProxy: false,
    return503OnClosing: true,
  };
  const app = (
    opts.tls
      ? Fastify({ ...common, http2: true, https: { allowHTTP1: true, key: opts.tls.key, cert: opts.tls.cert } })
      : Fastify(common)
  ) as unknown as FastifyInstance;

  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), payment=(), fullscreen=(self)');
    // API and media answers are data, never a document: no scripts, no framing (the console's files have their own).
    if ((req.url.startsWith('/api/') || req.url.startsWith('/hls/')) && !reply.hasHeader('content-security-policy')) reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    if (opts.tls) reply.header('strict-transport-security', 'max-age=31536000');
    return payload;
  });

  app.setErrorHandler((err, req, reply) => {
    if (err instanceof HttpError) {
      return reply.code(err.statusCode).send({ error: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) });
    }
    const e = err as { statusCode?: number; code?: string; message: string; validation?: unknown };
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      // fastify's own 4xx (bad JSON, body too large, unsupported media type)
      return reply.code(e.statusCode).send({ error: e.code ?? 'bad_request', message: e.message });
    }
    if (isStorageFull(err)) {
      // Not the request's fault and not over in two seconds: the operator must free space (a storage-full alarm says so).
      req.log.error({ err: { message: e.message, code: e.code } }, 'disk full: answered 507');
      opts.onStorageFull?.();
      return reply.code(507).send({ error: 'storage_full', message: "the gateway's disk is full; nothing was saved" });
    }
    if (isStorageUnavailable(err)) {
      // Another process holds the database (a backup, a maintenance shell) or the disk refuses: the request is fine.
      req.log.warn({ err: { message: e.message, code: e.code } }, 'database unavailable: answered 503');
      return reply.code(503).header('retry-after', String(STORAGE_RETRY_AFTER_SEC)).send({ error: 'database_busy', message: 'the database is busy; retry shortly' });
    }
    req.log.error({ err: { message: e.message, code: e.code } }, 'unhandled error');
    return reply.code(500).send({ error: 'internal', message: 'internal error' });
  });

  app.setNotFoundHandler((_req, reply) => reply.code(404).send({ error: 'not_found', message: 'no such route' }));
  return app;
}
