import type { GatewayConfig } from '../config/config-schema';
import type { AuditRepository } from '../db/audit-repository';
import type { CameraRepository } from '../db/camera-repository';
import type { Logger } from '../platform/logger';
import type { Pipeline } from '../streams/pipeline';
import { RtmpIngestServer, type RtmpDenial } from './rtmp-ingest-server';

/** What the RTMP module needs from the rest of the gateway (narrow, so it is easy to fake). */
export interface RtmpModuleDeps {
  config: GatewayConfig['rtmp'];
  /** The gateway's listen address, used when `rtmp.host` is null. */
  gatewayHost: string;
  cameras: Pick<CameraRepository, 'get'>;
  status: { record(cameraId: string, status: 'online' | 'offline', reason: string | null): unknown };
  /** Late-bound: the stream manager is built after the resolver that needs this module. */
  streams: () => { find(cameraId: string, profile: 'main' | 'sub'): Pipeline | null; stopCamera(cameraId: string): Promise<void> };
  audit: AuditRepository;
  log: Logger;
  now: () => number;
}

const DENIAL_AUDIT_WINDOW_MS = 60_000;

/**
 * Wires the RTMP push server into the gateway: a camera that starts publishing is `online` (and a tile that went
 * offline for want of a publisher starts over on its next request); one that stops is `offline` with reason
 * "no publisher". Refused publishes are logged and audited, at most once a minute per address and reason.
 * Returns null when `rtmp.enabled` is false.
 */
export function createRtmpModule(deps: RtmpModuleDeps): RtmpIngestServer | null {
  if (!deps.config.enabled) return null;
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
      const streams = deps.streams();
      // A pipeline that went offline ("no publisher") does not retry by itself: drop it, the next request starts afresh.
      if ((['main', 'sub'] as const).some((p) => streams.find(id, p)?.state === 'offline')) void streams.stopCamera(id);
    },
    onPublishEnd: (id) => {
      if (deps.cameras.get(id)) deps.status.record(id, 'offline', 'no publisher');
    },
    onDenied: denied,
  });
}
