import { createHash, X509Certificate } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import websocketPlugin from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import { registerAccessGuard } from './auth/access-guard';
import { registerOriginPolicy } from './auth/origin-policy';
import { AuditSearch } from './audit/audit-search';
import { registerAuditRoutes } from './audit/audit-routes';
import { createAlarmsModule } from './alarms/alarms-module';
import type { AlarmService } from './alarms/alarm-service';
import { ensureFirstAdmin } from './auth/bootstrap-admin';
import { ScopeService } from './auth/scope-service';
import { SessionService } from './auth/session-service';
import { registerCameraRoutes } from './api/camera-routes';
import { registerCameraCsvRoutes } from './api/camera-csv-routes';
import { CameraImportService } from './cameras/camera-import';
import { StreamProber } from './cameras/stream-probe';
import { createRtmpModule } from './rtmp/rtmp-module';
import type { RtmpIngestServer } from './rtmp/rtmp-ingest-server';
import { registerOrgUnitRoutes } from './api/org-unit-routes';
import { registerSessionRoutes } from './api/session-routes';
import { registerStreamRoutes } from './api/stream-routes';
import { registerUserRoutes } from './api/user-routes';
import { registerClientConfigRoutes } from './api/client-config-routes';
import { registerHealthRoutes } from './api/health-routes';
import { CameraStatusService } from './health/camera-status-service';
import { HealthMonitor } from './health/health-monitor';
import { HealthReport } from './health/health-report';
import { rtspDescribeProbe } from './health/rtsp-probe';
import { registerLayoutRoutes } from './api/layout-routes';
import { registerReportRoutes } from './api/report-routes';
import { registerWallRoutes } from './api/wall-routes';
import { LayoutRepository } from './db/layout-repository';
import { TourRepository } from './db/tour-repository';
import { ViewSessionRepository } from './db/view-session-repository';
import { WallRepository } from './db/wall-repository';
import { CameraService } from './cameras/camera-service';
import { CameraStreamInputResolver } from './cameras/camera-stream-input';
import type { GatewayConfig } from './config/config-schema';
import { AuditRepository } from './db/audit-repository';
import { CameraRepository } from './db/camera-repository';
import { openDatabase, type Db } from './db/connection';
import { migrate } from './db/migrate';
import { OrgUnitRepository } from './db/org-unit-repository';
import { SessionRepository } from './db/session-repository';
import { UserRepository } from './db/user-repository';
import { registerHlsRoutes } from './hls/hls-routes';
import { EventHub } from './realtime/event-hub';
import { IncidentEscalationTimer } from './incidents/incident-escalation';
import { IncidentRepository } from './incidents/incident-repository';
import { registerIncidentRoutes } from './incidents/incident-routes';
import { IncidentService } from './incidents/incident-service';
import { IncidentStatistics } from './incidents/incident-statistics';
import { registerWsRoutes } from './realtime/ws-routes';
import { registerDiscovery } from './discovery/discovery-module';
import { registerOnvifEvents } from './onvif-events/onvif-events-module';
import { registerPtz } from './ptz/ptz-module';
import { linuxProcTable, sweepOrphans } from './ingest/orphan-sweeper';
import { nodeSpawner, type ProcessSpawner } from './ingest/process-spawner';
import { HlsPackager } from './packager/hls-packager';
import { systemClock, type Clock } from './platform/clock';
import { acquireInstanceLock } from './platform/instance-lock';
import { createLogger, fileAndConsoleDestination, type Logger } from './platform/logger';
import { CredentialCipher, loadCredentialKey } from './security/credential-cipher';
import { HlsTokenSigner } from './security/hls-token';
import { argon2Hasher, type PasswordHasher } from './security/password-hasher';
import { createHttpServer } from './server/http-server';
import { registerRenderer } from './server/renderer-static';
import { loadOrCreateTls } from './server/tls-certificate';
import { StreamManager } from './streams/stream-manager';
import { ffmpegFrameGrabber, SnapshotService } from './streams/snapshot-service';

export interface GatewayOverrides {
  clock?: Clock;
  spawner?: ProcessSpawner;
  hasher?: PasswordHasher;
  logDestination?: NodeJS.WritableStream;
  env?: NodeJS.ProcessEnv;
  /** Console output for one-time notices (generated admin password), kept out of the log. */
  announce?: (text: string) => void;
}

export interface Gateway {
  app: FastifyInstance;
  db: Db;
  log: Logger;
  url: string;
  /** SHA-256 fingerprint of the TLS certificate (null over plain HTTP). */
  certificateFingerprint: string | null;
  streams: StreamManager;
  hub: EventHub;
  /** The RTMP push server, when `rtmp.enabled`. */
  rtmp: RtmpIngestServer | null;
  health: HealthMonitor;
  alarms: AlarmService;
  incidents: IncidentService;
  repos: {
    cameras: CameraRepository;
    orgUnits: OrgUnitRepository;
    users: UserRepository;
    audit: AuditRepository;
    layouts: LayoutRepository;
    tours: TourRepository;
    walls: WallRepository;
    views: ViewSessionRepository;
  };
  cipher: CredentialCipher;
  hasher: PasswordHasher;
  close(): Promise<void>;
}

/** The composition root: config → lock → log → db → secrets → repositories → services → streams → HTTP. */
export async function startGateway(config: GatewayConfig, o: GatewayOverrides = {}): Promise<Gateway> {
  const clock = o.clock ?? systemClock;
  const env = o.env ?? process.env;
  const announce = o.announce ?? ((t: string) => process.stdout.write(`${t}\n`));
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const releaseLock = acquireInstanceLock(join(config.dataDir, 'gateway.lock'));
  const destination = o.logDestination ?? fileAndConsoleDestination(join(config.dataDir, 'logs', 'gateway.log'), config.logLevel);
  const log = createLogger({ level: config.logLevel, destination: destination as never });

  const db = openDatabase(join(config.dataDir, 'gateway.sqlite'));
  const schema = migrate(db);
  log.info({ from: schema.from, to: schema.to }, 'database ready');

  const { key, source } = loadCredentialKey(join(config.dataDir, 'credential.key'), env);
  log.info({ source }, 'credential key loaded');
  const cipher = new CredentialCipher(key);
  const hlsTokens = new HlsTokenSigner(cipher.deriveKey('hls-token-v1'));

  const now = () => clock.now();
  const repos = {
    cameras: new CameraRepository(db, now),
    orgUnits: new OrgUnitRepository(db, now),
    users: new UserRepository(db, now),
    audit: new AuditRepository(db, now),
    layouts: new LayoutRepository(db, now),
    tours: new TourRepository(db, now),
    walls: new WallRepository(db, now),
    views: new ViewSessionRepository(db),
  };
  repos.views.closeDangling();
  const sessionRepo = new SessionRepository(db);
  sessionRepo.deleteExpired(clock.now());

  // Tag children with a hash of the data dir, so orphans of a crashed gateway of this data dir can be found.
  const userAgent = `CountyVideoGateway/0.1 (gw-${createHash('sha256').update(config.dataDir).digest('hex').slice(0, 12)})`;
  const killed = sweepOrphans(linuxProcTable, userAgent);
  if (killed.length) log.warn({ pids: killed }, 'killed orphan ffmpeg processes from a previous run');

  const hasher = o.hasher ?? argon2Hasher;
  await ensureFirstAdmin(repos.users, hasher, env, announce);

  const a = config.auth;
  const sessions = new SessionService(repos.users, sessionRepo, hasher, clock, {
    ttlSec: a.sessionTtlSec,
    idleSec: a.sessionIdleSec,
    throttle: { maxFailures: a.lockoutMaxFailures, windowMs: a.lockoutWindowSec * 1000, lockoutMs: a.lockoutSec * 1000, ipMaxFailures: a.ipMaxFailures },
  });
  const scope = new ScopeService(repos.orgUnits);
  const hub = new EventHub(10_000, now);
  const cameraStatus = new CameraStatusService(db, repos.cameras, hub, now);

  const s = config.streams;
  // Live views in progress, so that the end of one is audited with who watched what from where.
  const openViews = new Map<number, { userId: string; username: string | null; cameraId: string; profile: string; ip: string | null; startedAt: number }>();
  // eslint-disable-next-line prefer-const -- assigned below; the RTMP module needs the stream manager late-bound
  let streams: StreamManager;
  const rtmp = createRtmpModule({ config: config.rtmp, gatewayHost: config.host, cameras: repos.cameras, status: cameraStatus, streams: () => streams, audit: repos.audit, log, now });
  const resolver = new CameraStreamInputResolver(repos.cameras, cipher, rtmp);
  streams = new StreamManager({
    clock,
    spawner: o.spawner ?? nodeSpawner,
    resolver,
    status: {
      online: (id) => cameraStatus.record(id, 'online', null),
      offline: (id, reason) => cameraStatus.record(id, 'offline', reason),
    },
    log,
    idleStopSec: s.idleStopSec,
    maxPipelines: s.maxPipelines,
    settings: {
      ffmpegPath: s.ffmpegPath,
      ioTimeoutSec: s.ioTimeoutSec,
      stallTimeoutSec: s.stallTimeoutSec,
      backoffInitialMs: s.backoffInitialMs,
      backoffMaxMs: s.backoffMaxMs,
      offlineAfterFailures: s.offlineAfterFailures,
      fragmentMs: s.partTargetSec * 1000,
      userAgent,
      viewerWindowMs: 10_000,
    },
    views: {
      start: (cameraId, profile, viewer, at) => {
        const user = repos.users.get(viewer.userId);
        repos.audit.append({ userId: viewer.userId, username: user?.username ?? null, action: 'live.view-start', targetType: 'camera', targetId: cameraId, outcome: 'ok', ip: viewer.ip, details: { profile } });
        const handle = repos.views.start({ userId: viewer.userId, cameraId, profile, ip: viewer.ip, startedAt: at });
        openViews.set(handle, { userId: viewer.userId, username: user?.username ?? null, cameraId, profile, ip: viewer.ip, startedAt: at });
        return handle;
      },
      end: (handle, at) => {
        repos.views.end(handle, at);
        const v = openViews.get(handle);
        openViews.delete(handle);
        if (v) repos.audit.append({ userId: v.userId, username: v.username, action: 'live.view-stop', targetType: 'camera', targetId: v.cameraId, outcome: 'ok', ip: v.ip, details: { profile: v.profile, seconds: Math.round((at - v.startedAt) / 1000) } });
      },
    },
    createPackager: () =>
      new HlsPackager({ targetSegmentSec: s.targetSegmentSec, partTargetSec: s.partTargetSec, lowLatency: s.lowLatency, now }),
  });
  streams.start();
  const snapshots = new SnapshotService(streams, ffmpegFrameGrabber(s.ffmpegPath));
  // Alarms hear every camera status transition (health check or pipeline) and every pipeline state change.
  const alarms = createAlarmsModule({ db, hub, clock, log, config: config.alarms, cameras: repos.cameras, orgUnits: repos.orgUnits, users: repos.users, layouts: repos.layouts, walls: repos.walls, audit: repos.audit, scope, snapshots });
  cameraStatus.onTransition((t) => alarms.onCameraStatus(t));
  streams.onChange((status) => alarms.onPipeline(status));
  const healthMonitor = new HealthMonitor(
    repos.cameras,
    (c) => {
      try {
        return c.passwordEnc ? cipher.decrypt(c.passwordEnc) : null;
      } catch {
        return null;
      }
    },
    rtspDescribeProbe,
    cameraStatus,
    (id) => streams.isLive(id),
    log,
    config.health,
  );
  if (config.health.enabled) healthMonitor.start();
  streams.onChange((status) => hub.publish('streams', status, repos.cameras.get(status.cameraId)?.orgUnitId ?? null));
  streams.onRemoved((cameraId, profile) => hub.publish('streams', { cameraId, profile, removed: true }, repos.cameras.get(cameraId)?.orgUnitId ?? null));
  const incidents = new IncidentService({
    repo: new IncidentRepository(db),
    statistics: new IncidentStatistics(db),
    orgUnits: repos.orgUnits,
    cameras: repos.cameras,
    scope,
    hub,
    alarms: alarms.incidentLink,
    audit: repos.audit,
    log,
    now,
    utcOffsetMinutes: config.incidents.utcOffsetMinutes,
  });
  const incidentEscalation = new IncidentEscalationTimer(() => incidents.escalateOverdue(), clock, log, config.incidents.escalationSweepSec);
  incidentEscalation.start();
  const prober = new StreamProber(o.spawner ?? nodeSpawner, { ffprobePath: config.cameras.ffprobePath, ioTimeoutSec: s.ioTimeoutSec, totalTimeoutSec: config.cameras.testTimeoutSec, userAgent }, log);
  const cameraService = new CameraService(
    repos.cameras,
    repos.orgUnits,
    scope,
    cipher,
    repos.audit,
    {
      cameraChanged: (id) => streams.stopCamera(id),
      publisherRevoked: (id) => rtmp?.kick(id),
      inventoryChanged: (id, orgUnitId, kind) => hub.publish('cameras', { id, kind }, orgUnitId),
    },
    prober,
    resolver,
    { testOnCreate: config.cameras.testOnCreate, rtmpBase: (hostname) => config.rtmp.publicUrl ?? `rtmp://${hostname}:${rtmp?.port || config.rtmp.port}` },
  );
  const cameraImports = new CameraImportService(db, repos.cameras, repos.orgUnits, scope, cipher, repos.audit, {
    maxRows: config.cameras.importMaxRows,
    onCreated: (id, orgUnitId) => hub.publish('cameras', { id, kind: 'created' }, orgUnitId),
  });

  const tls = config.http1 ? null : await loadOrCreateTls(config.dataDir, config.tls);
  const app = createHttpServer({ log, tls, bodyLimitBytes: config.http.bodyLimitBytes });
  await app.register(websocketPlugin, { options: { maxPayload: 64 * 1024 } });
  registerOriginPolicy(app, config.http.allowedOrigins);
  registerAccessGuard(app, { sessions, scope, cameras: repos.cameras, orgUnits: repos.orgUnits, users: repos.users, audit: repos.audit, hlsTokens, clock, apiKeys: (key) => alarms.verifyApiKey(key) });
  registerSessionRoutes(app, { sessions, audit: repos.audit, secureCookies: tls !== null, passwordMinLength: a.passwordMinLength, now });
  registerAuditRoutes(app, { search: new AuditSearch(db), scope, audit: repos.audit, now });
  registerOrgUnitRoutes(app, { db, orgUnits: repos.orgUnits, scope, audit: repos.audit });
  registerCameraRoutes(app, { cameras: cameraService, hlsTokens, audit: repos.audit, clock, hlsTokenTtlSec: config.auth.hlsTokenTtlSec, snapshots });
  registerCameraCsvRoutes(app, { imports: cameraImports, maxBytes: config.cameras.importMaxBytes });
  registerStreamRoutes(app, { streams, cameras: repos.cameras, scope });
  registerUserRoutes(app, { users: repos.users, orgUnits: repos.orgUnits, scope, hasher, audit: repos.audit, sessions, passwordMinLength: a.passwordMinLength });
  registerHlsRoutes(app, { streams, targetSegmentSec: s.targetSegmentSec });
  registerWsRoutes(app, { hub, scope, audit: repos.audit });
  registerDiscovery(app, { db, log, hub, scope, audit: repos.audit, clock });
  registerPtz(app, { cameras: repos.cameras, cipher, audit: repos.audit, clock, log });
  registerLayoutRoutes(app, { layouts: repos.layouts, tours: repos.tours, audit: repos.audit });
  registerWallRoutes(app, { walls: repos.walls, layouts: repos.layouts, tours: repos.tours, cameras: repos.cameras, scope, hub, audit: repos.audit });
  registerReportRoutes(app, { cameras: repos.cameras, views: repos.views, scope, clock });
  registerClientConfigRoutes(app, { config, orgUnits: repos.orgUnits });
  registerHealthRoutes(app, { report: new HealthReport(db), monitor: healthMonitor, orgUnits: repos.orgUnits, scope, clock });
  alarms.registerRoutes(app);
  // ONVIF motion/tamper → alarms; stops (unsubscribes) in the server's onClose, before the database closes.
  registerOnvifEvents(app, { config: config.onvifEvents, cameras: repos.cameras, cipher, alarms: alarms.service, hub, scope, clock, log });
  registerIncidentRoutes(app, { incidents, audit: repos.audit, attachmentMaxBytes: config.incidents.attachmentMaxBytes, utcOffsetMinutes: config.incidents.utcOffsetMinutes });
  if (config.rendererDir) registerRenderer(app, config.rendererDir);

  await rtmp?.start();
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `${tls ? 'https' : 'http'}://${shownHost}:${port}`;
  // Operators compare this with what the desktop shell shows when it first trusts a self-signed certificate.
  const fingerprint = tls ? new X509Certificate(tls.cert).fingerprint256 : null;
  log.info({ url, http2: tls !== null, certificateSha256: fingerprint }, 'gateway listening');

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      healthMonitor.stop();
      incidentEscalation.stop();
      await app.close();
      await rtmp?.close();
      await streams.stopAll();
      alarms.close();
      db.close();
      releaseLock();
    })());
  return { app, db, log, url, certificateFingerprint: fingerprint, streams, hub, rtmp, health: healthMonitor, alarms: alarms.service, incidents, repos, cipher, hasher, close };
}
