import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { GATEWAY_ALARM_TYPES, HEALTH_ALARM_TYPES } from '../../contracts/src/alarm';
import { createAlarmsModule } from './alarms/alarms-module';
import type { AlarmService } from './alarms/alarm-service';
import { createAuditModule } from './audit/audit-module';
import { createAuthModule } from './auth/auth-module';
import { listeningPorts, StreamAddressGuard } from './cameras/stream-address-guard';
import { CameraStreamInputResolver } from './cameras/camera-stream-input';
import { createCamerasModule } from './cameras/cameras-module';
import type { GatewayConfig } from './config/config-schema';
import { CameraAuthBlockRepository } from './db/camera-auth-block-repository';
import type { AuditEntry } from './db/audit-repository';
import type { Db } from './db/connection';
import { createDatabaseModule } from './db/database-module';
import { DiskSpaceMonitor, statfsProbe, type FreeSpaceProbe } from './db/disk-space-monitor';
import { diskSpaceModule } from './db/disk-space-module';
import type { Repositories } from './db/repositories';
import { StorageGuard } from './db/storage-guard';
import { createDiscoveryModule } from './discovery/discovery-module';
import { CameraAuthBlock } from './health/camera-auth-block';
import { CameraStatusService } from './health/camera-status-service';
import { createHealthModule } from './health/health-module';
import type { HealthMonitor } from './health/health-monitor';
import { createHlsModule } from './hls/hls-module';
import { createIncidentsModule } from './incidents/incidents-module';
import type { IncidentService } from './incidents/incident-service';
import type { AlarmLink } from './incidents/alarm-link';
import { linuxProcTable, sweepOrphans } from './ingest/orphan-sweeper';
import { nodeSpawner, type ProcessSpawner } from './ingest/process-spawner';
import { createLayoutsModule } from './layouts/layouts-module';
import { createOnvifEventsModule } from './onvif-events/onvif-events-module';
import { createOrgUnitsModule } from './org-units/org-units-module';
import { systemClock, type Clock } from './platform/clock';
import { isStorageFull } from './platform/errors';
import { acquireInstanceLock } from './platform/instance-lock';
import { createLogger, fileAndConsoleDestination, type Logger } from './platform/logger';
import { createPtzModule } from './ptz/ptz-module';
import { createRecordingModule } from './recording/recording-module';
import { EventHub } from './realtime/event-hub';
import { createRealtimeModule } from './realtime/realtime-module';
import type { RtmpIngestServer } from './rtmp/rtmp-ingest-server';
import { createRtmpModule } from './rtmp/rtmp-module';
import { CredentialCipher, loadCredentialKey } from './security/credential-cipher';
import { HlsAccessCache } from './auth/hls-access-cache';
import { HlsRevocations } from './security/hls-revocations';
import { HlsTokenSigner } from './security/hls-token';
import { argon2Hasher, type PasswordHasher } from './security/password-hasher';
import { createClientConfigModule, DemoFleetNotice } from './server/client-config-routes';
import type { GatewayModule } from './server/gateway-module';
import { createHttpModule } from './server/http-module';
import { loadOrCreateTls } from './server/tls-certificate';
import type { StreamManager } from './streams/stream-manager';
import { createStreamsModule } from './streams/streams-module';
import { IngestFaultAlarm } from './streams/ingest-fault-alarm';

export interface GatewayOverrides {
  clock?: Clock;
  spawner?: ProcessSpawner;
  hasher?: PasswordHasher;
  logDestination?: NodeJS.WritableStream;
  env?: NodeJS.ProcessEnv;
  /** Free space of the data dir's disk (tests: a fake). */
  freeSpaceProbe?: FreeSpaceProbe;
  /** Console output for one-time notices (generated admin password), kept out of the log. */
  announce?: (text: string) => void;
  /** Every address of a stream URL's host name (tests: a fake DNS); the system resolver by default. */
  resolveHost?: (host: string) => Promise<string[]>;
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
  /** The launcher's demo fleet, shown to the Devices page as a scan suggestion (client-config `demoFleet`). */
  demoFleet: DemoFleetNotice;
  alarms: AlarmService;
  incidents: IncidentService;
  repos: Repositories;
  /** Background writes waiting for the database (tests, diagnostics). */
  storage: StorageGuard;
  cipher: CredentialCipher;
  hasher: PasswordHasher;
  close(): Promise<void>;
}

/**
 * The composition root: the process-wide pieces (lock, log, database, secrets, event hub), then the modules in
 * order, each built from the deps it needs. They start in list order, the HTTP server last, and stop in reverse.
 */
export async function startGateway(config: GatewayConfig, o: GatewayOverrides = {}): Promise<Gateway> {
  const clock = o.clock ?? systemClock;
  const now = () => clock.now();
  const env = o.env ?? process.env;
  const spawner = o.spawner ?? nodeSpawner;
  const hasher = o.hasher ?? argon2Hasher;
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const releaseLock = acquireInstanceLock(join(config.dataDir, 'gateway.lock'));
  const destination = o.logDestination ?? fileAndConsoleDestination(join(config.dataDir, 'logs', 'gateway.log'), config.logLevel);
  const log = createLogger({ level: config.logLevel, destination: destination as never });

  const database = createDatabaseModule({ dataDir: config.dataDir, walCheckpointSec: config.db.walCheckpointSec, busyTimeoutMs: config.db.busyTimeoutMs, log, now });
  const { db, repos } = database;
  // Writes from timers and event handlers go through the guard: a database locked by another process queues them
  // (retried with backoff) instead of throwing out of a callback; a long episode raises one storage-fault alarm.
  let raiseStorageFault: (since: number, cause: unknown) => void = () => undefined;
  // A write refused as full starts the storage-full episode at once (the monitor is built below, once alarms exist).
  const storage = new StorageGuard({
    log,
    now,
    faultAfterMs: config.db.faultAlarmAfterSec * 1000,
    onFault: (since, cause) => raiseStorageFault(since, cause),
    onRefused: (err) => {
      if (isStorageFull(err)) disk.noteWriteRefused();
    },
  });
  const backgroundAudit = { append: (e: AuditEntry) => storage.run(null, () => repos.audit.append(e)) };
  const { key, source } = loadCredentialKey(join(config.dataDir, 'credential.key'), env);
  log.info({ source }, 'credential key loaded');
  const cipher = new CredentialCipher(key);
  // Logout, disable and password reset end the user's HLS links at once (checked in memory on every request).
  const hlsRevocations = new HlsRevocations(config.auth.hlsTokenTtlSec * 1000, now);
  const hlsTokens = new HlsTokenSigner(cipher.deriveKey('hls-token-v2'), hlsRevocations);
  // A token is checked in full once per stream; any change to who may see what starts the cache afresh.
  const hlsAccess = new HlsAccessCache();
  for (const source of [repos.users, repos.cameras, repos.orgUnits]) source.changes.on(() => hlsAccess.clear());
  const tls = config.http1 ? null : await loadOrCreateTls(config.dataDir, config.tls);

  // Tag children with a hash of the data dir, so orphans of a crashed gateway of this data dir can be found.
  const userAgent = `CountyVideoGateway/0.1 (gw-${createHash('sha256').update(config.dataDir).digest('hex').slice(0, 12)})`;
  const killed = sweepOrphans(linuxProcTable, userAgent);
  if (killed.length) log.warn({ pids: killed }, 'killed orphan ffmpeg processes from a previous run');

  const hub = new EventHub(10_000, now);
  const cameraStatus = new CameraStatusService(db, repos.cameras, hub, now, storage);
  // Cameras that refused our credentials: neither pipelines nor the health check retry them until cleared.
  const authBlock = new CameraAuthBlock(now, log, new CameraAuthBlockRepository(db), (write) => storage.run(null, write));

  const auth = createAuthModule({ config: config.auth, repos, hasher, hlsRevocations, clock, secureCookies: tls !== null, env, announce: o.announce ?? ((t) => process.stdout.write(`${t}\n`)) });
  const { scope } = auth;
  // Built in order: RTMP, the resolver that reads pushed cameras back from it, then the stream manager.
  const rtmp = createRtmpModule({ config: config.rtmp, gatewayHost: config.host, cameras: repos.cameras, status: cameraStatus, audit: backgroundAudit, log, now });
  // Stream URLs are checked against cameras.allowedNetworks on every write, stream test and pipeline start (a name
  // may resolve elsewhere by then); the gateway's own ports are refused, the bound HTTP port known once it listens.
  let httpServer: { server: { address(): unknown } } = { server: { address: () => null } };
  const addressGuard = new StreamAddressGuard({
    allowedNetworks: config.cameras.allowedNetworks,
    ownPorts: () => listeningPorts(config, httpServer, rtmp.server),
    ...(o.resolveHost ? { resolve: o.resolveHost } : {}),
  });
  const resolver = new CameraStreamInputResolver(repos.cameras, cipher, rtmp.server, addressGuard);
  const streams = createStreamsModule({ config: config.streams, clock, spawner, resolver, cameraStatus, authBlock, onPublisherArrived: rtmp.onPublisherArrived, pushSource: rtmp.server, repos, scope, hub, log, userAgent, storageGuard: storage, utcOffsetMinutes: config.incidents.utcOffsetMinutes });
  const health = createHealthModule({ config: config.health, db, cameras: repos.cameras, orgUnits: repos.orgUnits, cipher, cameraStatus, isLive: (id) => streams.manager.isLive(id), authBlock, scope, clock, log });
  const alarms = createAlarmsModule({ db, hub, clock, log, config: config.alarms, cameras: repos.cameras, orgUnits: repos.orgUnits, users: repos.users, layouts: repos.layouts, walls: repos.walls, audit: repos.audit, scope, snapshots: streams.snapshots });
  // Alarms hear every camera status transition (health check or pipeline) and pipeline state change.
  cameraStatus.onTransition((t) => storage.run(null, () => alarms.onCameraStatus(t)));
  streams.manager.onChange((status) => storage.run(null, () => alarms.onPipeline(status)));
  const rootOrgUnit = () => repos.orgUnits.list().find((u) => u.parentId === null);
  // The disk filling up: raised from the free-space watermark before writes fail, or when a write is refused as full.
  // Raising and resolving are writes themselves, queued by the guard (in order) until the disk takes them.
  const disk = new DiskSpaceMonitor({
    dir: config.dataDir,
    minFreeBytes: config.db.minFreeMb * 1048576,
    probe: o.freeSpaceProbe ?? statfsProbe,
    log,
    onLow: (free, reason) => {
      const at = now();
      storage.run(null, () => {
        const root = rootOrgUnit();
        if (!root) return; // no org tree yet: the log line is all there is
        const detail = reason === 'watermark' ? `${Math.round(free / 1048576)} MB free on the data dir's disk, below the ${config.db.minFreeMb} MB watermark` : "a write was refused because the data dir's disk is full";
        alarms.service.raiseGateway('storage-full', root.id, 'storage full', detail, at);
      });
    },
    onRecovered: (free) => storage.run(null, () => alarms.service.resolveGateway('storage-full', `${Math.round(free / 1048576)} MB free again`)),
  });
  raiseStorageFault = (since, cause) => {
    // A full disk is the storage-full alarm's episode (started by onRefused): one alarm for the operator, naming the cause.
    if (isStorageFull(cause)) return;
    const root = rootOrgUnit();
    if (!root) return; // no org tree yet: the log line is all there is
    alarms.service.raiseGateway('storage-fault', root.id, 'database unavailable', `background writes failed from ${new Date(since).toISOString()} (database locked by another process, or the disk refused)`, since);
  };
  // ffmpeg children that keep dying by themselves: one gateway alarm per episode (a write, queued by the guard too).
  const ingestFaults = new IngestFaultAlarm(
    {
      raise: (detail, at) =>
        storage.run(null, () => {
          const root = rootOrgUnit();
          if (root) alarms.service.raiseGateway('ingest-fault', root.id, 'ingest processes keep dying', detail, at);
        }),
      resolve: (note) => storage.run(null, () => alarms.service.resolveGateway('ingest-fault', note)),
    },
    now,
  );
  streams.manager.onProcessDeath((id, profile, inARow) => ingestFaults.died(id, profile, inARow));
  streams.manager.onChange((status) => {
    if (status.state === 'live') ingestFaults.live(status.cameraId, status.profile);
  });
  streams.manager.onRemoved((id, profile) => ingestFaults.removed(id, profile));
  // Camera events arrive on subscriptions, not requests: a locked database queues their alarms (null: not known yet).
  const onvifAlarms: Pick<AlarmService, 'raiseCameraEvent'> = {
    raiseCameraEvent: (id, e) => {
      storage.run(null, () => void alarms.service.raiseCameraEvent(id, e));
      return null;
    },
  };
  const recording = createRecordingModule({
    config: { ...config.recording, root: config.recording.root ?? join(config.dataDir, 'recordings') },
    db,
    streams: streams.manager,
    cameras: repos.cameras,
    orgUnitExists: (id) => repos.orgUnits.get(id) !== null,
    scope,
    audit: repos.audit,
    tokens: hlsTokens,
    spawner,
    ffmpegPath: config.streams.ffmpegPath,
    now,
    log,
    onStorageFull: (cameraId) => {
      const at = now();
      storage.run(null, () => {
        const root = rootOrgUnit();
        if (root) alarms.service.raiseGateway('storage-full', root.id, 'storage full', `the recording volume is full: recording stopped (camera ${cameraId} first)`, at);
      });
    },
  });
  // An alarm turned into an incident hands its clips to the incident (kept while it is open), in the same transaction.
  const incidentAlarmLink: AlarmLink = {
    get: (id) => alarms.incidentLink.get(id),
    markConverted: (alarmId, incidentId, by, at) => {
      alarms.incidentLink.markConverted(alarmId, incidentId, by, at);
      recording.repo.clipsToIncident(alarmId, incidentId);
    },
  };
  const incidents = createIncidentsModule({ config: config.incidents, db, repos, scope, hub, alarms: incidentAlarmLink, clock, log });

  // Every alarm about what a camera sees (not its health, not the gateway's) gets a clip when the camera has a plan.
  alarms.onAlarmCreated((a) => {
    if (!a.cameraId || (HEALTH_ALARM_TYPES as readonly string[]).includes(a.type) || (GATEWAY_ALARM_TYPES as readonly string[]).includes(a.type)) return;
    const cameraId = a.cameraId;
    storage.run(null, () => void recording.service.onCameraEvent(cameraId, Date.parse(a.firstAt), a.id));
  });

  const demoFleet = new DemoFleetNotice();
  const modules: GatewayModule[] = [
    { name: 'instance-lock', stop: releaseLock },
    database,
    // After the database, so it stops (one last try for queued writes) before the database closes.
    { name: 'storage-guard', stop: () => storage.stop() },
    diskSpaceModule(disk, config.db.freeSpaceCheckSec * 1000),
    auth,
    rtmp,
    streams,
    createHlsModule({ streams: streams.manager, clock, targetSegmentSec: config.streams.targetSegmentSec }),
    health,
    alarms,
    createOnvifEventsModule({ config: config.onvifEvents, cameras: repos.cameras, cipher, alarms: onvifAlarms, hub, scope, clock, log }),
    incidents,
    recording,
    createCamerasModule({ config, db, repos, scope, cipher, hlsTokens, hub, spawner, resolver, addressGuard, snapshots: streams.snapshots, stopPipelines: (id) => {
      // New URL or credentials: the camera may be tried again.
      authBlock.clear(id);
      return streams.manager.stopCamera(id);
    }, rtmp: rtmp.server, clock, log, userAgent, liveAudit: backgroundAudit }),
    createDiscoveryModule({ db, log, hub, scope, audit: repos.audit, clock }),
    createPtzModule({ cameras: repos.cameras, cipher, audit: repos.audit, clock, log }),
    createLayoutsModule({ repos, scope, hub }),
    createOrgUnitsModule({ repos, scope }),
    createAuditModule({ db, audit: repos.audit, scope, clock }),
    createRealtimeModule({ hub, scope, audit: repos.audit }),
    createClientConfigModule({ config, orgUnits: repos.orgUnits, demoFleet }),
  ];
  const access = { sessions: auth.sessions, scope, cameras: repos.cameras, orgUnits: repos.orgUnits, users: repos.users, audit: repos.audit, hlsTokens, hlsAccess, clock, apiKeys: (k: string) => alarms.verifyApiKey(k) };
  const http = await createHttpModule({ config, tls, log, onStorageFull: () => disk.noteWriteRefused(), access, modules });
  modules.push(http);
  httpServer = http.app;

  const started: GatewayModule[] = [];
  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      for (const m of started.reverse()) {
        const t0 = performance.now();
        await m.stop?.();
        // A slow shutdown names the module that held it up.
        const ms = Math.round(performance.now() - t0);
        if (ms >= 1000) log.warn({ module: m.name, ms }, 'module stop was slow');
      }
    })());
  try {
    for (const m of modules) {
      await m.start?.();
      started.push(m);
    }
  } catch (err) {
    // A module that cannot start (port taken, database unreadable) must not leave the ones before it running.
    await close().catch((stopErr: unknown) => log.error({ err: stopErr }, 'stopping after a failed start'));
    throw err;
  }
  return { app: http.app, db, log, url: http.url, certificateFingerprint: http.certificateFingerprint, streams: streams.manager, hub, rtmp: rtmp.server, health: health.monitor, demoFleet, alarms: alarms.service, incidents: incidents.service, repos, storage, cipher, hasher, close };
}
