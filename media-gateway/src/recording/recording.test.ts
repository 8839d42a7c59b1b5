/**
 * Recording against the real pieces: a fixture clip muxed to fMP4 and cut by the real HLS packager, recorded into a
 * real file with its index in a real SQLite database (migrated), then read back by ffprobe; a torn file repaired;
 * recorded ranges and gaps; the service holding and releasing streams as plans change.
 */
import { execFile } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection';
import { migrate } from '../db/migrate';
import { muxClip } from '../fmp4-mux/testing/mux-clip';
import { HlsPackager } from '../packager/hls-packager';
import pino from 'pino';
import { CameraRecorder } from './camera-recorder';
import { nodeRecordingFs } from './recording-fs';
import { recordedRanges } from './recording-ranges';
import { renderVodPlaylist, vodSegments } from './vod-playlist';
import { RecordingRepository } from './recording-repository';
import { RecordingService, type HeldStream } from './recording-service';
import { RetentionSweeper } from './retention-sweeper';

const run = promisify(execFile);
const silent = pino({ level: 'silent' });
const root = mkdtempSync(join(tmpdir(), 'recording-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const T0 = Date.UTC(2026, 11, 8, 1, 0, 0);

function database() {
  const db = openDatabase(':memory:');
  migrate(db);
  db.prepare(`INSERT INTO org_units (id, name, level, parent_id, created_at, updated_at) VALUES ('141130', '交口县', 'county', NULL, 0, 0)`).run();
  for (const id of ['cam-1', 'cam-2']) db.prepare(`INSERT INTO cameras (id, name, org_unit_id, category, source_type, host, rtsp_port, created_at, updated_at) VALUES (?, ?, '141130', 1, 'rtsp', '10.0.0.1', 554, 0, 0)`).run(id, id);
  return { db, repo: new RecordingRepository(db, () => T0) };
}

/** The h264 fixture (2 s, keyframes at 0 and 1 s) through a packager whose clock advances with the media. */
function packagerFed(atStart: number, recorderAttach: (p: HlsPackager) => void): HlsPackager {
  let clock = atStart;
  const packager = new HlsPackager({ targetSegmentSec: 1, partTargetSec: 0.2, lowLatency: true, now: () => clock });
  recorderAttach(packager);
  for (const out of muxClip('h264', { fragmentDurationMs: 200 }).outputs) {
    if (out.kind === 'fragment') clock += 200;
    packager.push(out.data);
  }
  return packager;
}

const probe = async (file: string) => {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-count_frames', '-show_entries', 'stream=codec_name,nb_read_frames:format=duration', '-of', 'json', file]);
  return JSON.parse(stdout) as { streams: Array<{ codec_name: string; nb_read_frames: string }>; format: { duration: string } };
};

describe('CameraRecorder', () => {
  it('writes the packager fragments to a file that plays, indexed by keyframe', async () => {
    const { repo } = database();
    const recorder = new CameraRecorder('cam-1', 'main', { fs: nodeRecordingFs, repo, root, fileMinutes: 10, indexFlushSec: 5, log: silent, onWriteFailed: () => undefined });
    packagerFed(T0, (p) => recorder.attach(p));
    expect(recorder.state).toBe('recording');
    recorder.detach();

    const [file] = repo.files('cam-1', 'main', T0 - 60_000, T0 + 60_000);
    expect(file).toMatchObject({ cameraId: 'cam-1', profile: 'main', open: false, codecs: expect.stringMatching(/^avc1\./) as unknown });
    expect(file!.path).toMatch(/^cam-1\/main\/2026-12-08\/20261208T010000_\d{3}Z\.mp4$/);
    const path = join(root, file!.path);
    expect(statSync(path).size).toBe(file!.bytes);
    // Two keyframes → two indexed segments of about a second each, the first right after the init segment.
    expect(file!.segments).toHaveLength(2);
    expect(file!.segments[0]![0]).toBe(file!.initBytes);
    expect(file!.segments[0]![2]).toBeGreaterThanOrEqual(800);
    const p = await probe(path);
    expect(p.streams[0]).toMatchObject({ codec_name: 'h264' });
    // The packager holds the clip's last part until the next fragment: at least 45 of the 50 frames are recorded.
    expect(Number(p.streams[0]!.nb_read_frames)).toBeGreaterThanOrEqual(45);
    expect(Math.abs(Number(p.format.duration) - (file!.endMs - file!.startMs) / 1000)).toBeLessThan(0.25);
  });

  it('a file torn by kill -9 is repaired on start: the index is rebuilt and the torn tail cut off', async () => {
    const { db, repo } = database();
    const recorder = new CameraRecorder('cam-2', 'sub', { fs: nodeRecordingFs, repo, root, fileMinutes: 10, indexFlushSec: 5, log: silent, onWriteFailed: () => undefined });
    packagerFed(T0, (p) => recorder.attach(p));
    recorder.detach();
    const [file] = repo.files('cam-2', 'sub', T0 - 60_000, T0 + 60_000);
    const path = join(root, file!.path);
    const whole = readFileSync(path);
    // As a crash leaves it: the row still open with a stale index, half a fragment after the last whole one.
    appendFileSync(path, whole.subarray(file!.segments[1]![0], file!.segments[1]![0] + 700));
    db.prepare(`UPDATE recording_files SET open = 1, segments = '[]', bytes = ? WHERE id = ?`).run(file!.initBytes, file!.id);

    const service = new RecordingService({ repo, streams: { hold: () => { throw new Error('unused'); }, release: () => undefined }, fs: nodeRecordingFs, root, fileMinutes: 10, indexFlushSec: 5, timeZone: 'UTC', now: () => T0, log: silent });
    service.repairOpenFiles();
    const [repaired] = repo.files('cam-2', 'sub', T0 - 60_000, T0 + 60_000);
    expect(repaired).toMatchObject({ open: false, bytes: whole.length, segments: file!.segments });
    expect(statSync(path).size).toBe(whole.length);
    expect(Number((await probe(path)).streams[0]!.nb_read_frames)).toBeGreaterThanOrEqual(45);
  });
});

describe('recordedRanges', () => {
  const file = (startMs: number, segs: Array<[number, number]>) => ({ id: 1, cameraId: 'c', profile: 'main' as const, path: 'x', startMs, endMs: 0, bytes: 0, initBytes: 0, codecs: null, open: false, segments: segs.map(([s, d]) => [0, s, d] as [number, number, number]) });

  it('merges across files and small holes, lists the gaps up to now', () => {
    const files = [file(T0, [[0, 2000], [2000, 2000]]), file(T0 + 4500, [[0, 1000]]), file(T0 + 20_000, [[0, 4000]])];
    const r = recordedRanges(files, T0 - 10_000, T0 + 60_000, T0 + 30_000);
    expect(r.ranges).toEqual([{ startMs: T0, endMs: T0 + 5500 }, { startMs: T0 + 20_000, endMs: T0 + 24_000 }]);
    expect(r.gaps).toEqual([
      { startMs: T0 - 10_000, endMs: T0 },
      { startMs: T0 + 5500, endMs: T0 + 20_000 },
      { startMs: T0 + 24_000, endMs: T0 + 30_000 },
    ]);
    // Clipped to the asked window.
    expect(recordedRanges(files, T0 + 1000, T0 + 3000, T0 + 30_000)).toEqual({ ranges: [{ startMs: T0 + 1000, endMs: T0 + 3000 }], gaps: [] });
  });
});

describe('RecordingService', () => {
  it('holds the stream of a camera whose plan wants recording, releases it when the plan goes, reports why it cannot', () => {
    const { repo } = database();
    const held: string[] = [];
    let state = 'live';
    const packager = new HlsPackager({ lowLatency: true });
    const stream: HeldStream = { packager, get state() { return state; }, reasonCode: null };
    let now = Date.UTC(2026, 11, 7, 12, 0); // Monday 12:00 UTC
    const service = new RecordingService({
      repo,
      streams: {
        hold: (id, profile, holder) => {
          if (id === 'cam-2') throw Object.assign(new Error('stream limit reached'), { code: 'capacity' });
          held.push(`${id}/${profile}/${holder}`);
          return stream;
        },
        release: (id, profile) => void held.splice(held.indexOf(`${id}/${profile}/recording`), 1),
      },
      fs: nodeRecordingFs, root, fileMinutes: 10, indexFlushSec: 5, timeZone: 'UTC', now: () => now, log: silent,
    });
    const noon = '0'.repeat(24) + '11' + '0'.repeat(22);
    repo.setPlan('cam-1', { mode: 'schedule', profile: 'sub', week: [noon, ...Array(6).fill('0'.repeat(48))] }, null);
    repo.setPlan('cam-2', { mode: 'continuous', profile: 'main' }, null);
    service.reconcile();
    expect(held).toEqual(['cam-1/sub/recording']);
    expect(service.status('cam-1')).toMatchObject({ mode: 'schedule', state: 'starting' });
    expect(service.status('cam-2')).toMatchObject({ mode: 'continuous', state: 'stopped', reasonCode: 'capacity' });
    state = 'offline';
    expect(service.status('cam-1')).toMatchObject({ state: 'stopped', reasonCode: 'offline' });

    now += 60 * 60_000; // 13:00: past the scheduled hour
    service.reconcile();
    expect(held).toEqual([]);
    expect(service.status('cam-1')).toMatchObject({ state: 'idle' });
    repo.setPlan('cam-2', { mode: 'none' }, null);
    expect(service.statuses().map((s) => s.cameraId)).toEqual(['cam-1']);
  });
});

describe('VOD playlist', () => {
  const row = (id: number, startMs: number, bytes: number, segs: Array<[number, number, number]>) => ({ id, cameraId: 'c', profile: 'main' as const, path: 'x', startMs, endMs: 0, bytes, initBytes: 700, codecs: null, open: false, segments: segs });

  it('byte ranges per keyframe segment, wall-clock times, a discontinuity at each new file and hole', () => {
    const files = [row(1, T0, 5000, [[700, 0, 2000], [3000, 2000, 2000]]), row(2, T0 + 10_000, 2700, [[700, 0, 1500]])];
    const segments = vodSegments(files, T0 + 2500, T0 + 60_000);
    expect(segments).toEqual([
      { fileId: 1, offset: 3000, length: 2000, startMs: T0 + 2000, durationMs: 2000 },
      { fileId: 2, offset: 700, length: 2000, startMs: T0 + 10_000, durationMs: 1500 },
    ]);
    expect(renderVodPlaylist(files, segments, (id) => `file/${id}.mp4?token=t`).split('\n')).toEqual([
      '#EXTM3U',
      '#EXT-X-VERSION:7',
      '#EXT-X-TARGETDURATION:2',
      '#EXT-X-PLAYLIST-TYPE:VOD',
      '#EXT-X-MEDIA-SEQUENCE:0',
      '#EXT-X-INDEPENDENT-SEGMENTS',
      '#EXT-X-MAP:URI="file/1.mp4?token=t",BYTERANGE="700@0"',
      '#EXT-X-PROGRAM-DATE-TIME:2026-12-08T01:00:02.000Z',
      '#EXTINF:2.000,',
      '#EXT-X-BYTERANGE:2000@3000',
      'file/1.mp4?token=t',
      '#EXT-X-DISCONTINUITY',
      '#EXT-X-MAP:URI="file/2.mp4?token=t",BYTERANGE="700@0"',
      '#EXT-X-PROGRAM-DATE-TIME:2026-12-08T01:00:10.000Z',
      '#EXTINF:1.500,',
      '#EXT-X-BYTERANGE:2000@700',
      'file/2.mp4?token=t',
      '#EXT-X-ENDLIST',
      '',
    ]);
  });
});

describe('RetentionSweeper', () => {
  it('deletes expired files and then the oldest for space, file and row together, never the one being written', () => {
    const { repo } = database();
    const dir = mkdtempSync(join(root, 'retention-'));
    const DAY = 86_400_000;
    const mk = (cameraId: string, daysAgo: number, bytes: number, open = false) => {
      const rel = `${cameraId}-${daysAgo}.mp4`;
      writeFileSync(join(dir, rel), Buffer.alloc(bytes));
      const id = repo.openFile({ cameraId, profile: 'main', path: rel, startMs: T0 - daysAgo * DAY - 600_000, initBytes: 10, codecs: null });
      repo.updateFile(id, T0 - daysAgo * DAY - 600_000, { bytes, initBytes: 10, durationMs: 600_000, segments: [[10, 0, 600_000]] }, !open);
      return { id, path: join(dir, rel) };
    };
    const old = mk('cam-1', 40, 1000);
    const recent = [mk('cam-1', 3, 1000), mk('cam-2', 2, 1000), mk('cam-2', 1, 1000)];
    const writing = mk('cam-1', 0, 1000, true);
    let free = 500;
    const sweeper = new RetentionSweeper({
      repo, fs: nodeRecordingFs, root: dir, now: () => T0, log: silent, freeBytes: () => free,
      policy: { retentionDays: () => 30, isProtected: () => false, maxBytes: 0, minFreeBytes: 2500 },
    });
    // 500 free, 2500 wanted: the expired file (1000) and then the oldest recent one (1000) go.
    expect(sweeper.sweep()).toEqual({ deletedFiles: 2, freedBytes: 2000, shortBytes: 0 });
    expect(existsSync(old.path)).toBe(false);
    expect(existsSync(recent[0]!.path)).toBe(false);
    expect(existsSync(recent[1]!.path)).toBe(true);
    expect(repo.files('cam-1', 'main', 0, T0 + DAY).map((f) => f.id)).toEqual([writing.id]);
    // Space still short with only the newest closed file and the open one left: it says so, the open file stays.
    free = 0;
    expect(sweeper.sweep()).toMatchObject({ deletedFiles: 2, shortBytes: 500 });
    expect(existsSync(writing.path)).toBe(true);
  });
});

describe('alarm clips and retention', () => {
  it('a file an alarm clip needs is kept past its retention until the clip expires', () => {
    const { repo } = database();
    const dir = mkdtempSync(join(root, 'clips-'));
    const DAY = 86_400_000;
    const start = T0 - 40 * DAY;
    writeFileSync(join(dir, 'a.mp4'), Buffer.alloc(100));
    const id = repo.openFile({ cameraId: 'cam-1', profile: 'main', path: 'a.mp4', startMs: start, initBytes: 10, codecs: null });
    repo.updateFile(id, start, { bytes: 100, initBytes: 10, durationMs: 600_000, segments: [[10, 0, 600_000]] }, true);
    repo.addClip({ cameraId: 'cam-1', profile: 'main', startMs: start + 60_000, endMs: start + 90_000, alarmId: 'a-1', keptUntil: T0 + DAY, createdAt: start });
    let now = T0;
    const sweeper = new RetentionSweeper({
      repo, fs: nodeRecordingFs, root: dir, now: () => now, log: silent, freeBytes: () => 1e12,
      policy: { retentionDays: () => 30, isProtected: (f) => repo.isProtected(f.cameraId, f.startMs, f.endMs, now), maxBytes: 0, minFreeBytes: 0 },
    });
    expect(sweeper.sweep().deletedFiles).toBe(0);
    expect(repo.clipOfAlarm('a-1')).toMatchObject({ cameraId: 'cam-1', startMs: start + 60_000 });
    now = T0 + 2 * DAY; // the clip's 90 days are over
    expect(sweeper.sweep().deletedFiles).toBe(1);
    expect(existsSync(join(dir, 'a.mp4'))).toBe(false);
  });
});

describe('incident clips', () => {
  it('a clip of an open incident is protected past its own days; after the incident is closed, for incidentDays more', () => {
    const { db, repo } = database();
    const DAY = 86_400_000;
    repo.addClip({ cameraId: 'cam-1', profile: 'main', startMs: T0, endMs: T0 + 40_000, alarmId: 'a-2', keptUntil: T0 + DAY, createdAt: T0 });
    db.prepare(`INSERT INTO incidents (id, code, client_request_id, title, category, org_unit_id, reporter_kind, occurred_at, state, created_at, updated_at) VALUES ('i-1', 'SJ-1', 'r-1', 't', 'dispute', '141130', 'operator', 0, 'accepted', 0, 0)`).run();
    repo.clipsToIncident('a-2', 'i-1');
    const later = T0 + 10 * DAY;
    expect(repo.isProtected('cam-1', T0 - 60_000, T0 + 60_000, later, 180)).toBe(true);
    db.prepare('UPDATE incidents SET closed_at = ? WHERE id = ?').run(later, 'i-1');
    expect(repo.isProtected('cam-1', T0 - 60_000, T0 + 60_000, later + 179 * DAY, 180)).toBe(true);
    expect(repo.isProtected('cam-1', T0 - 60_000, T0 + 60_000, later + 181 * DAY, 180)).toBe(false);
    expect(repo.isProtected('cam-1', T0 + 50_000, T0 + 60_000, later, 180)).toBe(false); // not the clip's time
  });
});

describe('plan defaults', () => {
  it('a camera’s own plan, else the nearest org unit’s default, else its category’s; none removes a default', () => {
    const { db, repo } = database();
    db.prepare(`INSERT INTO org_units (id, name, level, parent_id, created_at, updated_at) VALUES ('141130101', '康城镇', 'township', '141130', 0, 0)`).run();
    db.prepare(`INSERT INTO cameras (id, name, org_unit_id, category, source_type, host, rtsp_port, created_at, updated_at) VALUES ('cam-v', 'v', '141130101', 3, 'rtsp', '10.0.0.2', 554, 0, 0)`).run();
    expect(repo.effective('cam-v')).toEqual({ plan: { mode: 'none' }, source: 'none' });
    repo.setDefault('category', '3', { mode: 'event', profile: 'sub', preSec: 5, postSec: 20 }, null);
    expect(repo.effective('cam-v')).toMatchObject({ plan: { mode: 'event' }, source: 'category' });
    repo.setDefault('org-unit', '141130', { mode: 'continuous', profile: 'sub' }, null);
    expect(repo.effective('cam-v')).toMatchObject({ plan: { mode: 'continuous' }, source: 'org-unit' });
    repo.setDefault('org-unit', '141130101', { mode: 'schedule', profile: 'sub', week: Array(7).fill('1'.repeat(48)) }, null);
    expect(repo.effective('cam-v')).toMatchObject({ plan: { mode: 'schedule' }, source: 'org-unit' }); // the nearest unit
    repo.setPlan('cam-v', { mode: 'continuous', profile: 'main' }, null);
    expect(repo.effective('cam-v')).toMatchObject({ plan: { mode: 'continuous', profile: 'main' }, source: 'camera' });
    // Every camera now has a plan through the county default; none for cam-1's category removes nothing else.
    expect(repo.plans().map((p) => p.cameraId).sort()).toEqual(['cam-1', 'cam-2', 'cam-v']);
    repo.setDefault('org-unit', '141130', { mode: 'none' }, null);
    expect(repo.plans().map((p) => p.cameraId)).toEqual(['cam-v']);
  });
});
