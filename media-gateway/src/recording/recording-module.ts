/** Wiring for gateway.ts: plans, the recorders they start, and the recording routes. */
import type { ScopeService } from '../auth/scope-service';
import type { GatewayConfig } from '../config/config-schema';
import type { AuditRepository } from '../db/audit-repository';
import type { CameraRepository } from '../db/camera-repository';
import type { Db } from '../db/connection';
import type { Logger } from '../platform/logger';
import type { GatewayModule } from '../server/gateway-module';
import { nodeRecordingFs, type RecordingFs } from './recording-fs';
import { systemTimeZone } from './recording-plan';
import { RecordingRepository } from './recording-repository';
import { registerPlaybackRoutes } from './playback-routes';
import { registerRecordingRoutes } from './recording-routes';
import type { HlsTokenSigner } from '../security/hls-token';
import { RecordingService, type StreamHolder } from './recording-service';
import { RetentionSweeper } from './retention-sweeper';
import { ClipExporter } from './clip-export';
import { ExportRepository } from './export-repository';
import { registerExportRoutes } from './export-routes';
import type { ProcessSpawner } from '../ingest/process-spawner';
import { mkdirSync } from 'node:fs';
import { statfsProbe, type FreeSpaceProbe } from '../db/disk-space-monitor';

export interface RecordingModuleDeps {
  /** `root` resolved (the composition root applies the data-dir default). */
  config: GatewayConfig['recording'] & { root: string };
  db: Db;
  streams: StreamHolder;
  cameras: CameraRepository;
  orgUnitExists(id: string): boolean;
  scope: ScopeService;
  audit: AuditRepository;
  now: () => number;
  log: Logger;
  fs?: RecordingFs;
  /** Free space of the recording volume (tests: a fake). */
  freeSpace?: FreeSpaceProbe;
  tokens: HlsTokenSigner;
  spawner: ProcessSpawner;
  ffmpegPath: string;
  onStorageFull?(cameraId: string): void;
}

export interface RecordingModule extends GatewayModule {
  service: RecordingService;
  repo: RecordingRepository;
}

export function createRecordingModule(d: RecordingModuleDeps): RecordingModule {
  const repo = new RecordingRepository(d.db, d.now);
  const fs = d.fs ?? nodeRecordingFs;
  const exports = new ExportRepository(d.db);
    const probe = d.freeSpace ?? statfsProbe;
  const maxDays = Math.max(...Object.values(d.config.categoryRetentionDays));
  const retention = new RetentionSweeper({
    repo,
    fs,
    root: d.config.root,
    policy: {
      // The plan's days, else the category's; a camera since deleted keeps the longest default (evidence).
      retentionDays: (cameraId) => {
        const plan = repo.plan(cameraId);
        if (plan.mode !== 'none' && plan.retentionDays) return plan.retentionDays;
        const category = d.cameras.get(cameraId)?.category;
        return category ? d.config.categoryRetentionDays[String(category) as '1' | '2' | '3'] : maxDays;
      },
      isProtected: (f) => repo.isProtected(f.cameraId, f.startMs, f.endMs, d.now(), d.config.incidentClipDays),
      maxBytes: d.config.maxGb * 1024 ** 3,
      minFreeBytes: d.config.minFreeMb * 1024 ** 2,
    },
    freeBytes: () => probe.freeBytes(d.config.root),
    now: d.now,
    log: d.log,
  });
  const service = new RecordingService({
    repo,
    streams: d.streams,
    fs,
    root: d.config.root,
    fileMinutes: d.config.fileMinutes,
    indexFlushSec: d.config.indexFlushSec,
    timeZone: d.config.timeZone ?? systemTimeZone(),
    now: d.now,
    log: d.log,
    retention,
    retentionSweepSec: d.config.retentionSweepSec,
    ...(d.onStorageFull ? { onStorageFull: d.onStorageFull } : {}),
  });
  const exporter = new ClipExporter({ service, root: d.config.root, spawner: d.spawner, ffmpegPath: d.ffmpegPath });
  return {
    name: 'recording',
    service,
    repo,
    routes: (app) => {
      registerRecordingRoutes(app, { repo, service, orgUnitExists: d.orgUnitExists, cameras: d.cameras, scope: d.scope, audit: d.audit, now: d.now });
      registerPlaybackRoutes(app, { service, fs, root: d.config.root, tokens: d.tokens, audit: d.audit, now: d.now });
      registerExportRoutes(app, { exporter, exports, cameras: d.cameras, scope: d.scope, audit: d.audit, root: d.config.root, now: d.now });
    },
    start: () => {
      mkdirSync(d.config.root, { recursive: true, mode: 0o750 });
      service.start();
    },
    stop: () => service.stop(),
  };
}
