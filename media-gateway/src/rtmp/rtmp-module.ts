import type { CameraStatusReason } from '../../../contracts/src/stream-status';
import type { GatewayConfig } from '../config/config-schema';
import type { AuditRepository } from '../db/audit-repository';
import type { CameraRepository } from '../db/camera-repository';
import type { Logger } from '../platform/logger';
import type { GatewayModule } from '../server/gateway-module';
import { RtmpIngestServer, type RtmpDenial } from './rtmp-ingest-server';

/** What the RTMP module needs from the rest of the gateway (narrow, so it is easy to fake). */
export interface RtmpModuleDeps {
  config: GatewayConfig['rtmp'];
  /** The gateway's listen address, used when `rtmp.host` is null. */
  gatewayHost: string;
  cameras: Pick<CameraRepository, 'get'>;
  status: { record(cameraId: string, status: 'online' | 'offline', reason: CameraStatusReason | null): unknown };
  /** Refusals and publishes happen on sockets, not requests: the gateway passes the storage guard's queued append. */
  audit: Pick<AuditRepository, 'append'>;
  log: Logger;
  now: () => number;
}

export interface RtmpModule extends GatewayModule {
  /** The push server; null when `rtmp.enabled` is false. */
  server: RtmpIngestServer | null;
  /**
   * A camera started publishing. The stream manager listens here (rather than this module calling it), so the two
   * are built in order: RTMP first, then the resolver that reads from it, then the stream manager.
   */
  onPublisherArrived(listener: (cameraId: string) => void): void;
}

const DENIAL_AUDIT_WINDOW_MS = 60_000;

/**
 * Wires the RTMP push server into the gateway: a camera that starts publishing is `online` (and a tile that went
 * offline for want of a publisher starts over on its next request); one that stops is `offline` with reason
 * "no publisher". Refused publishes are logged and audited, at most once a minute per address and reason.
 * Has no server when `rtmp.enabled` is false.
 */
export function createRtmpModule(deps: RtmpModuleDeps): RtmpModule {
  const arrived: Array<(cameraId: string) => void> = [];
  const server = deps.config.enabled ? createServer(deps, (id) => arrived.forEach((l) => l(id))) : null;
  return {
    name: 'rtmp',
    server,
    onPublisherArrived: (listener) => void arrived.push(listener),
    start: async () => void (await server?.start()),
    stop: () => server?.close(),
  };
}

function createServer(deps: RtmpModuleDeps, publisherArrived: (cameraId: string) => void): RtmpIngestServer {
  const lastAudit = new Map<string, number>();
  const denied = (d: RtmpDenial) => {
    deps.log.warn({ kind: d.kind, reason: d.reason, cameraId: d.cameraId, ip: d.ip }, 'RTMP request refused');
    const key = `${d.ip}|${d.kind}|${d.reason}`;
    const t = deps.now();
    if ((lastAudit.get(key) ?? -Infinity) > t - DENIAL_AUDIT_WINDOW_MS) return;
    if (lastAudit.size > 10_000) lastAudit.clear();
    lastAudit.set(key, t);
    const known = d.cameraId ? deps.cameras.get(d.cameraId) !== null : false;
    deps.audit.append({ userId: null, username: null, action: `rtmp.${d.kind}`, targetType: 'camera', targetId: known ? (d.cameraId ?? null) : null, outcome: 'denied', ip: d.ip, details: { reason: d.reason } });
  };
  return new RtmpIngestServer({
    host: deps.config.host ?? deps.gatewayHost,
    port: deps.config.port,
    maxConnections: deps.config.maxConnections,
    maxPending: deps.config.maxUnauthenticated,
    maxPendingPerAddress: deps.config.maxUnauthenticatedPerAddress,
    authTimeoutMs: deps.config.authTimeoutSec * 1000,
    log: deps.log,
    lookup: (id) => {
      const c = deps.cameras.get(id);
      return c ? { sourceType: c.sourceType, rtmpKeyHash: c.rtmpKeyHash } : null;
    },
    onPublishStart: (id) => {
      deps.audit.append({ userId: null, username: null, action: 'rtmp.publish', targetType: 'camera', targetId: id, outcome: 'ok', ip: null });
      deps.status.record(id, 'online', null);
      publisherArrived(id);
    },
    onPublishEnd: (id) => {
      if (deps.cameras.get(id)) deps.status.record(id, 'offline', { code: 'no-publisher', text: 'no publisher' });
    },
    onDenied: denied,
  });
}
