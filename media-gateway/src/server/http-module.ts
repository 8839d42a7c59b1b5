import { X509Certificate } from 'node:crypto';
import websocketPlugin from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import { registerAccessGuard, type AccessGuardDeps } from '../auth/access-guard';
import { registerOriginPolicy } from '../auth/origin-policy';
import type { GatewayConfig } from '../config/config-schema';
import type { Logger } from '../platform/logger';
import type { GatewayModule } from './gateway-module';
import { createHttpServer } from './http-server';
import { registerRenderer } from './renderer-static';
import type { TlsMaterial } from './tls-certificate';

export interface HttpModuleDeps {
  config: Pick<GatewayConfig, 'host' | 'port' | 'http' | 'rendererDir'>;
  tls: TlsMaterial | null;
  log: Logger;
  /** A request's write was refused because the disk is full (starts the storage-full episode). */
  onStorageFull?: () => void;
  access: AccessGuardDeps;
  /** Whose routes this server carries, in order; every one sits behind the origin policy and the access guard. */
  modules: readonly GatewayModule[];
}

export interface HttpModule extends GatewayModule {
  app: FastifyInstance;
  /** Where the gateway listens (set by start). */
  url: string;
  /** SHA-256 fingerprint of the TLS certificate (null over plain HTTP). */
  certificateFingerprint: string | null;
}

/**
 * The HTTP/2 + WebSocket server. The guard is registered before any route (it checks every route's policy as the
 * route is added: default deny); the console's static files come last. start() listens, stop() closes.
 */
export async function createHttpModule(deps: HttpModuleDeps): Promise<HttpModule> {
  const { config, tls, log } = deps;
  const app = createHttpServer({ log, tls, bodyLimitBytes: config.http.bodyLimitBytes, onStorageFull: deps.onStorageFull });
  await app.register(websocketPlugin, { options: { maxPayload: 64 * 1024 } });
  registerOriginPolicy(app, config.http.allowedOrigins);
  registerAccessGuard(app, deps.access);
  for (const m of deps.modules) m.routes?.(app);
  if (config.rendererDir) registerRenderer(app, config.rendererDir);
  // Operators compare this with what the desktop shell shows when it first trusts a self-signed certificate.
  const certificateFingerprint = tls ? new X509Certificate(tls.cert).fingerprint256 : null;
  const http: HttpModule = {
    name: 'http',
    app,
    url: '',
    certificateFingerprint,
    async start() {
      await app.listen({ host: config.host, port: config.port });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
      http.url = `${tls ? 'https' : 'http'}://${shownHost}:${port}`;
      log.info({ url: http.url, http2: tls !== null, certificateSha256: certificateFingerprint }, 'gateway listening');
    },
    async stop() {
      // app.close() lets requests in flight finish (an LL-HLS hold lasts up to 15 s) but closes idle keep-alive
      // connections only once, when it starts: a connection whose request ended after that stayed open for the whole
      // keep-alive timeout (72 s), and so did the shutdown (measured: 70.8 s in stream-fault-classes). Close each
      // connection as soon as it is idle.
      const server = app.server as { closeIdleConnections?: () => void };
      const sweep = setInterval(() => server.closeIdleConnections?.(), 100);
      try {
        await app.close();
      } finally {
        clearInterval(sweep);
      }
    },
  };
  return http;
}
