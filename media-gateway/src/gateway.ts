import { createHash, X509Certificate } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import websocketPlugin from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import { createAlarmsModule } from './alarms/alarms-module';
import type { AlarmService } from './alarms/alarm-service';
import { ensureFirstAdmin } from './auth/bootstrap-admin';
import { ScopeService } from './auth/scope-service';
import { SessionService } from './auth/session-service';
import { CameraImportService } from './cameras/camera-import';
import { CameraService } from './cameras/camera-service';
import { CameraStreamInputResolver } from './cameras/camera-stream-input';
import { listeningPorts, StreamAddressGuard } from './cameras/stream-address-guard';
import { StreamProber } from './cameras/stream-probe';
import { registerHttpRoutes } from './compose/http-routes';
import { createRepositories, type Repositories } from './compose/repositories';
import { createStreamManager } from './compose/stream-manager';
import { auditedViewRecorder } from './compose/view-recorder';
import type { GatewayConfig } from './config/config-schema';
import { openDatabase, type Db } from './db/connection';
import { migrate } from './db/migrate';
import { WalCheckpointer } from './db/wal-checkpointer';
import { CameraStatusService } from './health/camera-status-service';
import { HealthMonitor } from './health/health-monitor';
import { rtspDescribeProbe } from './health/rtsp-probe';
import { IncidentEscalationTimer } from './incidents/incident-escalation';
import { IncidentRepository } from './incidents/incident-repository';
import { IncidentService } from './incidents/incident-service';
import { IncidentStatistics } from './incidents/incident-statistics';
import { linuxProcTable, sweepOrphans } from './ingest/orphan-sweeper';
import { nodeSpawner, type ProcessSpawner } from './ingest/process-spawner';
import { systemClock, type Clock } from './platform/clock';
import { acquireInstanceLock } from './platform/instance-lock';
import { createLogger, fileAndConsoleDestination, type Logger } from './platform/logger';
import { EventHub } from './realtime/event-hub';
import { createRtmpModule } from './rtmp/rtmp-module';
import type { RtmpIngestServer } from './rtmp/rtmp-ingest-server';
import { CredentialCipher, loadCredentialKey } from './security/credential-cipher';
import { HlsRevocations } from './security/hls-revocations';
import { HlsTokenSigner } from './security/hls-token';
import { argon2Hasher, type PasswordHasher } from './security/password-hasher';
import { createHttpServer } from './server/http-server';
import { loadOrCreateTls } from './server/tls-certificate';
import { ffmpegFrameGrabber, SnapshotService } from './streams/snapshot-service';
import type { StreamManager } from './streams/stream-manager';

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
  repos: Repositories;
  cipher: CredentialCipher;
  hasher: PasswordHasher;
  close(): Promise<void>;
}

/**
 * The composition root: config → lock → log → db → secrets → repositories → orphan sweep → first admin →
 * services → streams → alarms/incidents → HTTP. Each step is one call; the wiring of a concern lives in compose/.
 */
export async function startGateway(config: GatewayConfig, o: GatewayOverrides = {}): Promise<Gateway> {
  const clock = o.clock ?? systemClock;
  const now = () => clock.now();
  const env = o.env ?? process.env;
  const announce = o.announce ?? ((t: string) => process.stdout.write(`${t}\n`));
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const releaseLock = acquireInstanceLock(join(config.dataDir, 'gateway.lock'));
  const destination = o.logDestination ?? fileAndConsoleDestination(join(config.dataDir, 'logs', 'gateway.log'), config.logLevel);
  const log = createLogger({ level: config.logLevel, destination: destination as never });

  const db = openDatabase(join(config.dataDir, 'gateway.sqlite'));
  const schema = migrate(db);
  log.info({ from: schema.from, to: schema.to }, 'database ready');
  const walCheckpoints = new WalCheckpointer(db, log).start(config.db.walCheckpointSec);

  const { key, source } = loadCredentialKey(join(config.dataDir, 'credential.key'), env);
  log.info({ source }, 'credential key loaded');
  const cipher = new CredentialCipher(key);
  const hlsRevocations = new HlsRevocations(config.auth.hlsTokenTtlSec * 1000, now);
  const hlsTokens = new HlsTokenSigner(cipher.deriveKey('hls-token-v1'), hlsRevocations);
  const repos = createRepositories(db, now);

  // Tag children with a hash of the data dir, so orphans of a crashed gateway of this data dir can be found.
  const userAgent = `CountyVideoGateway/0.1 (gw-${createHash('sha256').update(config.dataDir).digest('hex').slice(0, 12)})`;
  const killed = sweepOrphans(linuxProcTable, userAgent);
  if (killed.length) log.warn({ pids: killed }, 'killed orphan ffmpeg processes from a previous run');

  const hasher = o.hasher ?? argon2Hasher;
  await ensureFirstAdmin(repos.users, hasher, env, announce);
  const a = config.auth;
  const sessions = new SessionService(repos.users, repos.sessions, hasher, clock, {
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
  }, hlsRevocations);
  const scope = new ScopeService(repos.orgUnits);
  const hub = new EventHub(10_000, now);
  const cameraStatus = new CameraStatusService(db, repos.cameras, hub, now);

  // Streams: RTMP push cameras resolve to the in-process RTMP server, which in turn needs the stream manager.
  const spawner = o.spawner ?? nodeSpawner;
  // eslint-disable-next-line prefer-const -- late-bound: the RTMP module and the stream manager refer to each other
  let streams: StreamManager;
  const rtmp = createRtmpModule({ config: config.rtmp, gatewayHost: config.host, cameras: repos.cameras, status: cameraStatus, streams: () => streams, audit: repos.audit, log, now });
  const resolver = new CameraStreamInputResolver(repos.cameras, cipher, rtmp);
  streams = createStreamManager({ config: config.streams, clock, spawner, resolver, cameraStatus, views: auditedViewRecorder(repos), log, userAgent });
  streams.start();
  streams.onChange((status) => hub.publish('streams', status, repos.cameras.get(status.cameraId)?.orgUnitId ?? null));
  streams.onRemoved((cameraId, profile) => hub.publish('streams', { cameraId, profile, removed: true }, repos.cameras.get(cameraId)?.orgUnitId ?? null));
  const snapshots = new SnapshotService(streams, ffmpegFrameGrabber(config.streams.ffmpegPath));

  // Health and alarms hear every camera status transition (health check or pipeline) and pipeline state change.
  const passwordOf = (c: { passwordEnc: string | null }) => {
    try {
      return c.passwordEnc ? cipher.decrypt(c.passwordEnc) : null;
    } catch {
      return null;
    }
  };
  const health = new HealthMonitor(repos.cameras, passwordOf, rtspDescribeProbe, cameraStatus, (id) => streams.isLive(id), log, config.health);
  if (config.health.enabled) health.start();
  const alarms = createAlarmsModule({ db, hub, clock, log, config: config.alarms, cameras: repos.cameras, orgUnits: repos.orgUnits, users: repos.users, layouts: repos.layouts, walls: repos.walls, audit: repos.audit, scope, snapshots });
  cameraStatus.onTransition((t) => alarms.onCameraStatus(t));
  streams.onChange((status) => alarms.onPipeline(status));

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

  const prober = new StreamProber(spawner, { ffprobePath: config.cameras.ffprobePath, ioTimeoutSec: config.streams.ioTimeoutSec, totalTimeoutSec: config.cameras.testTimeoutSec, userAgent }, log);
  const addressGuard = new StreamAddressGuard({ allowedNetworks: config.cameras.allowedNetworks, ownPorts: () => listeningPorts(config, app, rtmp) });
  const cameras = new CameraService(
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
    {
      testOnCreate: config.cameras.testOnCreate,
      rtmpBase: (hostname) => config.rtmp.publicUrl ?? `rtmp://${hostname}:${rtmp?.port || config.rtmp.port}`,
      addressGuard,
    },
  );
  const cameraImports = new CameraImportService(db, repos.cameras, repos.orgUnits, scope, cipher, repos.audit, {
    maxRows: config.cameras.importMaxRows,
    onCreated: (id, orgUnitId) => hub.publish('cameras', { id, kind: 'created' }, orgUnitId),
    addressGuard,
  });

  const tls = config.http1 ? null : await loadOrCreateTls(config.dataDir, config.tls);
  const app = createHttpServer({ log, tls, bodyLimitBytes: config.http.bodyLimitBytes });
  await app.register(websocketPlugin, { options: { maxPayload: 64 * 1024 } });
  registerHttpRoutes(app, { config, db, log, clock, repos, cipher, hasher, hlsTokens, sessions, scope, hub, streams, snapshots, cameras, cameraImports, health, alarms, incidents, secureCookies: tls !== null });

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
      health.stop();
      incidentEscalation.stop();
      await app.close();
      await rtmp?.close();
      await streams.stopAll();
      alarms.close();
      walCheckpoints.stop();
      db.close();
      releaseLock();
    })());
  return { app, db, log, url, certificateFingerprint: fingerprint, streams, hub, rtmp, health, alarms: alarms.service, incidents, repos, cipher, hasher, close };
}
