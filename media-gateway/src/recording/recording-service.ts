// Keeps the cameras whose plans want recording now pulled and recorded, and says how each one is doing. Every few
// seconds (and at once after a plan changes) the wanted set is reconciled with the recorders running: a pipeline that
// was replaced (camera edited) is followed, a write that failed (disk full) is retried after a pause.
import type { FragmentSource } from './camera-recorder';
import { CameraRecorder, type CameraRecorderDeps } from './camera-recorder';
import { indexRecording } from './recording-repair';
import type { RecordingFs } from './recording-fs';
import { wantsContinuous, type RecordingPlan } from './recording-plan';
import type { RecordingFileRow, RecordingProfile, RecordingRepository } from './recording-repository';
import { join } from 'node:path';
import type { Logger } from '../platform/logger';

/** What the service needs of the stream manager. */
export interface StreamHolder {
  hold(cameraId: string, profile: RecordingProfile, holder: string): HeldStream;
  release(cameraId: string, profile: RecordingProfile, holder: string): void;
}

export interface HeldStream {
  packager: FragmentSource;
  readonly state: string;
  readonly reasonCode: string | null;
}

export interface RecordingServiceDeps {
  repo: RecordingRepository;
  streams: StreamHolder;
  fs: RecordingFs;
  root: string;
  fileMinutes: number;
  indexFlushSec: number;
  timeZone: string;
  now: () => number;
  log: Logger;
  reconcileSec?: number;
  /** Days an alarm's clip is kept from retention. */
  eventClipDays?: number;
  /** A write failed: how long before the camera is tried again. */
  retryAfterSec?: number;
  /** Deletes what retention and space say must go; run every `retentionSweepSec` and at once on a full volume. */
  retention?: { sweep(): unknown };
  retentionSweepSec?: number;
  /** A write failed for want of space (ENOSPC / EDQUOT): the storage-full alarm (raised once per episode by its owner). */
  onStorageFull?(cameraId: string): void;
}

export type RecordingState = 'recording' | 'starting' | 'stopped' | 'idle';

export interface CameraRecordingStatus {
  cameraId: string;
  mode: RecordingPlan['mode'];
  profile: RecordingProfile | null;
  /** recording: fragments are being written; starting: waiting for the stream's keyframe; stopped: wanted but failing (reasonCode); idle: the plan wants nothing now. */
  state: RecordingState;
  reasonCode: string | null;
}

const HOLDER = 'recording';

interface Active {
  recorder: CameraRecorder;
  stream: HeldStream | null;
  profile: RecordingProfile;
  retryAt: number;
  reasonCode: string | null;
}

export class RecordingService {
  private readonly active = new Map<string, Active>();
  /** Cameras recording for an event until then (ms), whatever their plan says now. */
  private readonly eventUntil = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private retentionTimer: NodeJS.Timeout | null = null;
  private readonly recorderDeps: Omit<CameraRecorderDeps, 'onWriteFailed'>;

  constructor(private readonly d: RecordingServiceDeps) {
    this.recorderDeps = { fs: d.fs, repo: d.repo, root: d.root, fileMinutes: d.fileMinutes, indexFlushSec: d.indexFlushSec, log: d.log };
  }

  start(): void {
    this.repairOpenFiles();
    this.reconcile();
    this.timer = setInterval(() => this.reconcile(), (this.d.reconcileSec ?? 5) * 1000);
    this.timer.unref();
    if (this.d.retention) {
      this.sweepRetention();
      this.retentionTimer = setInterval(() => this.sweepRetention(), (this.d.retentionSweepSec ?? 60) * 1000);
      this.retentionTimer.unref();
    }
  }

  sweepRetention(): void {
    try {
      this.d.retention?.sweep();
    } catch (err) {
      this.d.log.warn({ err: (err as Error).message }, 'recording retention sweep failed');
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    this.timer = null;
    this.retentionTimer = null;
    for (const [cameraId, a] of this.active) {
      a.recorder.detach();
      this.d.streams.release(cameraId, a.profile, HOLDER);
    }
    this.active.clear();
  }

  /** Files a dead gateway left open: index rebuilt from the bytes, a torn last fragment cut off. */
  repairOpenFiles(): void {
    for (const f of this.d.repo.openFiles()) {
      const path = join(this.d.root, f.path);
      const size = this.d.fs.size(path);
      if (size === null) {
        this.d.repo.deleteFile(f.id);
        continue;
      }
      const index = indexRecording(this.d.fs.read(path));
      if (!index || index.segments.length === 0) {
        this.d.fs.remove(path);
        this.d.repo.deleteFile(f.id);
        continue;
      }
      if (index.bytes < size) this.d.fs.truncate(path, index.bytes);
      this.d.repo.updateFile(f.id, f.startMs, index, true);
      this.d.log.info({ cameraId: f.cameraId, file: f.path, keptBytes: index.bytes, cutBytes: size - index.bytes }, 'recording file repaired after an unclean stop');
    }
  }

  /** Brings the recorders in line with the plans (and running events) now. */
  reconcile(): void {
    const now = this.d.now();
    const wanted = new Map<string, RecordingProfile>();
    for (const { cameraId, plan } of this.d.repo.plans()) {
      if (plan.mode === 'none') continue;
      if (wantsContinuous(plan, now, this.d.timeZone) || (this.eventUntil.get(cameraId) ?? 0) > now) wanted.set(cameraId, plan.profile);
    }
    for (const [cameraId, until] of this.eventUntil) if (until <= now) this.eventUntil.delete(cameraId);
    for (const [cameraId, a] of this.active) {
      if (wanted.get(cameraId) === a.profile) continue;
      a.recorder.detach();
      this.d.streams.release(cameraId, a.profile, HOLDER);
      this.active.delete(cameraId);
    }
    for (const [cameraId, profile] of wanted) this.ensure(cameraId, profile, now);
  }

  /**
   * An alarm on a camera (motion, tamper, a grid report, an external system): a camera with a plan gets a clip of
   * pre + post seconds, kept from retention. An event plan records from now until post seconds after the latest
   * event, starting with what the stream still holds of the pre-event seconds when it was already running (a stream
   * started by the event has none). Returns the clip's id, or null for a camera without a plan.
   */
  onCameraEvent(cameraId: string, atMs: number, alarmId: string | null): number | null {
    const plan = this.d.repo.plan(cameraId);
    if (plan.mode === 'none') return null;
    const { preSec, postSec } = plan.mode === 'event' ? plan : { preSec: 10, postSec: 30 };
    this.eventUntil.set(cameraId, Math.max(this.eventUntil.get(cameraId) ?? 0, atMs + postSec * 1000));
    const clipId = this.d.repo.addClip({ cameraId, profile: plan.profile, startMs: atMs - preSec * 1000, endMs: atMs + postSec * 1000, alarmId, keptUntil: atMs + (this.d.eventClipDays ?? 90) * 86_400_000, createdAt: this.d.now() });
    this.ensure(cameraId, plan.profile, this.d.now(), atMs - preSec * 1000);
    return clipId;
  }

  private ensure(cameraId: string, profile: RecordingProfile, now: number, preSinceMs?: number): void {
    let a = this.active.get(cameraId);
    if (a && a.profile !== profile) {
      a.recorder.detach();
      this.d.streams.release(cameraId, a.profile, HOLDER);
      this.active.delete(cameraId);
      a = undefined;
    }
    if (!a) {
      const recorder = new CameraRecorder(cameraId, profile, { ...this.recorderDeps, onWriteFailed: (err) => this.writeFailed(cameraId, err) });
      a = { recorder, stream: null, profile, retryAt: 0, reasonCode: null };
      this.active.set(cameraId, a);
    }
    if (now < a.retryAt) return;
    try {
      a.stream = this.d.streams.hold(cameraId, profile, HOLDER);
      a.recorder.attach(a.stream.packager, preSinceMs, now);
      if (a.recorder.state !== 'stopped') a.reasonCode = null;
    } catch (err) {
      // The stream limit reached (503 capacity) or the camera gone: said in the status, tried again next round.
      a.reasonCode = (err as { code?: string }).code ?? 'stream-unavailable';
    }
  }

  private writeFailed(cameraId: string, err: unknown): void {
    const a = this.active.get(cameraId);
    const code = (err as NodeJS.ErrnoException).code;
    const full = code === 'ENOSPC' || code === 'EDQUOT';
    if (a) {
      a.retryAt = this.d.now() + (this.d.retryAfterSec ?? 60) * 1000;
      a.reasonCode = full ? 'storage-full' : 'write-failed';
    }
    if (full) {
      this.d.onStorageFull?.(cameraId);
      this.sweepRetention(); // make room for the retry
    }
  }

  status(cameraId: string): CameraRecordingStatus {
    const plan = this.d.repo.plan(cameraId);
    const a = this.active.get(cameraId);
    const profile = plan.mode === 'none' ? null : plan.profile;
    if (!a) return { cameraId, mode: plan.mode, profile, state: 'idle', reasonCode: null };
    if (a.reasonCode) return { cameraId, mode: plan.mode, profile, state: 'stopped', reasonCode: a.reasonCode };
    if (a.recorder.state === 'recording') return { cameraId, mode: plan.mode, profile, state: 'recording', reasonCode: null };
    // Not writing yet: the stream's own trouble (offline, auth-failed, …) is the reason, when it has one.
    const failing = a.stream && (a.stream.state === 'offline' || a.stream.state === 'reconnecting');
    return failing ? { cameraId, mode: plan.mode, profile, state: 'stopped', reasonCode: a.stream!.reasonCode ?? a.stream!.state } : { cameraId, mode: plan.mode, profile, state: 'starting', reasonCode: null };
  }

  /** repo.files() with the files being written as they are now (their rows lag by up to indexFlushSec). */
  files(cameraId: string, profile: RecordingProfile, fromMs: number, toMs: number): RecordingFileRow[] {
    const rows = this.d.repo.files(cameraId, profile, fromMs, toMs);
    const a = this.active.get(cameraId);
    const live = a?.profile === profile ? a.recorder.live() : null;
    if (!live) return rows;
    const others = rows.filter((r) => r.id !== live.id);
    const row = this.file(live.id);
    if (!row || row.startMs >= toMs || row.endMs <= fromMs) return others;
    return [...others, row].sort((x, y) => x.startMs - y.startMs || x.id - y.id);
  }

  /** One file's row, as it is now when it is being written. */
  file(id: number): RecordingFileRow | null {
    const row = this.d.repo.file(id);
    if (!row?.open) return row;
    for (const a of this.active.values()) {
      const live = a.recorder.live();
      if (live?.id === id) return { ...row, endMs: Math.round(live.startMs + live.index.durationMs), bytes: live.index.bytes, segments: live.index.segments };
    }
    return row;
  }

  /** The cameras with a plan other than none. */
  statuses(): CameraRecordingStatus[] {
    return this.d.repo.plans().map(({ cameraId }) => this.status(cameraId));
  }
}
