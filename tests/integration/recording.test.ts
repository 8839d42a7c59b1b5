/**
 * Recording end to end: a simulated camera given a continuous plan is pulled with nobody watching, its fragments are
 * written to a file under recording.root and indexed in SQLite; the recorded range is listed, the file decodes as
 * H.264 showing the camera's colour; a viewer leaving does not stop it; the plan and the recordings are scoped.
 */
import { createHash, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { colourDistance, simCameraColour } from '../../scripts/sim/index';
import { startHarness, type Harness } from '../helpers/gateway-harness';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { centrePixel, probeVideo, until, waitForSegments } from '../helpers/media-probe';

interface Ranges {
  ranges: Array<{ start: string; end: string }>;
  gaps: Array<{ start: string; end: string }>;
}

describe('recording (continuous plan, simulated camera, real files and SQLite)', () => {
  let h: Harness;
  let cam = '';
  let officer = '';
  const t0 = new Date(Date.now() - 60_000).toISOString();

  beforeAll(async () => {
    h = await startHarness({ cameras: 2 });
    cam = h.cameraIds.get(1)!;
    const user = { username: 'kangcheng-duty', displayName: '康城值班', password: 'kangcheng-pass-123', role: 'township-officer', orgUnitId: '141130101' };
    expect((await h.api('POST', '/api/v1/users', user, h.adminToken)).status).toBe(201);
    officer = (await h.api<{ token: string }>('POST', '/api/v1/session', { username: user.username, password: user.password })).body.token;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('validates the plan naming the field, and changes nothing on bad input', async () => {
    const bad = await h.api<{ error: { message: string } }>('PUT', `/api/v1/cameras/${cam}/recording-plan`, { mode: 'schedule', week: ['1'] }, h.adminToken);
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/body\.week/);
    expect((await h.api<{ plan: unknown }>('GET', `/api/v1/cameras/${cam}/recording-plan`, undefined, h.adminToken)).body.plan).toEqual({ mode: 'none' });
  });

  it('records a continuous plan with nobody watching: range listed, the file plays the camera picture', async () => {
    const put = await h.api<{ plan: unknown; status: { state: string } }>('PUT', `/api/v1/cameras/${cam}/recording-plan`, { mode: 'continuous', profile: 'sub' }, h.adminToken);
    expect(put.status, put.text).toBe(200);
    expect(put.body.plan).toEqual({ mode: 'continuous', profile: 'sub' });
    await until(async () => (await h.api<{ status: { state: string } }>('GET', `/api/v1/cameras/${cam}/recording-plan`, undefined, h.adminToken)).body.status.state === 'recording', 20_000, 'recording state');

    const ranges = await until(async () => {
      const r = await h.api<Ranges>('GET', `/api/v1/cameras/${cam}/recordings?profile=sub&from=${t0}&to=${new Date(Date.now() + 60_000).toISOString()}`, undefined, h.adminToken);
      const first = r.body.ranges?.[0];
      return first && Date.parse(first.end) - Date.parse(first.start) >= 3000 ? r.body : null;
    }, 30_000, 'a recorded range of 3 s', 500);
    expect(ranges.ranges).toHaveLength(1);
    expect(ranges.gaps.length).toBeGreaterThanOrEqual(1); // before the plan began

    // Nobody watched: the pipeline is held for the recorder, not for a viewer.
    const streams = await h.api<{ items: Array<{ cameraId: string; viewers: number; heldBy: string[] }> }>('GET', '/api/v1/streams', undefined, h.adminToken);
    expect(streams.body.items.find((s) => s.cameraId === cam)).toMatchObject({ viewers: 0, heldBy: ['recording'] });

    const row = h.gw.db.prepare('SELECT path, bytes FROM recording_files WHERE camera_id = ? ORDER BY id LIMIT 1').get(cam) as { path: string; bytes: number };
    const file = join(h.dataDir, 'recordings', row.path);
    const video = await probeVideo(file);
    expect(video).toMatchObject({ codec: 'h264', width: 640, height: 360 });
    expect(video.frames).toBeGreaterThanOrEqual(50);
    expect(colourDistance(await centrePixel(file, 640, 360), simCameraColour(1))).toBeLessThan(35);
  });

  it('plays back: a VOD playlist with wall-clock times whose byte ranges decode to the camera picture; tokens are not interchangeable', async () => {
    const res = await h.api<{ url: string; start: string; end: string }>('GET', `/api/v1/cameras/${cam}/playback?profile=sub&start=${t0}`, undefined, h.adminToken);
    expect(res.status, res.text).toBe(200);
    const pb = res.body;
    const playlist = await (await fetch(pb.url)).text();
    expect(playlist).toMatch(/^#EXTM3U\n/);
    expect(playlist).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
    expect(playlist).toContain('#EXT-X-ENDLIST');
    const pdts = [...playlist.matchAll(/#EXT-X-PROGRAM-DATE-TIME:(.+)/g)].map((m) => Date.parse(m[1]!));
    const extinfs = [...playlist.matchAll(/#EXTINF:([\d.]+),/g)];
    expect(pdts.length).toBe(extinfs.length);
    expect(pdts[0]!).toBeGreaterThan(Date.parse(t0));
    // ffmpeg reads the playlist as a player does: byte ranges of the recording file, over HTTP with the token.
    const out = join(h.dataDir, 'playback.mp4');
    await promisify(execFile)('ffmpeg', ['-v', 'error', '-y', '-i', pb.url, '-t', '3', '-c', 'copy', out]);
    expect(await probeVideo(out)).toMatchObject({ codec: 'h264', width: 640, height: 360 });
    expect(colourDistance(await centrePixel(out, 640, 360), simCameraColour(1))).toBeLessThan(35);
    // A live token does not open recordings, and a playback token does not open live.
    const live = new URL(await h.liveUrl(cam, 'sub'));
    const vod = new URL(pb.url);
    expect((await fetch(`${vod.origin}${vod.pathname}?token=${live.searchParams.get('token')}&from=${vod.searchParams.get('from')}&to=${vod.searchParams.get('to')}`)).status).toBe(403);
    expect((await fetch(`${live.origin}${live.pathname}?token=${vod.searchParams.get('token')}`)).status).toBe(403);
    // The file route serves byte ranges (what hls.js asks for).
    const fileUri = /^(file\/\d+\.mp4\?token=[^\s]+)$/m.exec(playlist)![1]!;
    const part = await fetch(new URL(fileUri, pb.url), { headers: { range: 'bytes=0-7' } });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).subarray(4, 8).toString('latin1')).toBe('ftyp');
  });

  it('exports a clip as evidence: MP4 without re-encoding, its SHA-256 stored and matching the download, a reason required', async () => {
    const { ranges } = (await h.api<Ranges>('GET', `/api/v1/cameras/${cam}/recordings?profile=sub&from=${t0}&to=${new Date(Date.now() + 60_000).toISOString()}`, undefined, h.adminToken)).body;
    const from = ranges[0]!.start;
    const to = new Date(Date.parse(from) + 2000).toISOString();
    const noReason = await h.api('POST', `/api/v1/cameras/${cam}/exports`, { from, to, profile: 'sub', reason: '' }, h.adminToken);
    expect(noReason.status).toBe(400);
    expect(noReason.text).toMatch(/body\.reason/);
    const made = await h.api<{ id: string; sha256: string; bytes: number; url: string; start: string; end: string }>('POST', `/api/v1/cameras/${cam}/exports`, { from, to, profile: 'sub', reason: '群众报警核实' }, h.adminToken);
    expect(made.status, made.text).toBe(201);
    const file = await fetch(`${h.gw.url}${made.body.url}`, { headers: { authorization: `Bearer ${h.adminToken}` } });
    expect(file.status).toBe(200);
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(bytes.length).toBe(made.body.bytes);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(made.body.sha256);
    const out = join(h.dataDir, 'export.mp4');
    writeFileSync(out, bytes);
    const { stdout } = await promisify(execFile)('ffprobe', ['-v', 'error', '-show_entries', 'format=duration,format_name:stream=codec_name', '-of', 'json', out]);
    const probe = JSON.parse(stdout) as { format: { duration: string; format_name: string }; streams: Array<{ codec_name: string }> };
    expect(probe.format.format_name).toMatch(/mp4/);
    expect(probe.streams[0]!.codec_name).toBe('h264');
    // Whole keyframe segments covering the 2 s asked for: the clip's own start/end say how long it is.
    expect(Math.abs(Number(probe.format.duration) - (Date.parse(made.body.end) - Date.parse(made.body.start)) / 1000)).toBeLessThan(0.3);
    expect(Number(probe.format.duration)).toBeGreaterThanOrEqual(2);
    const audit = h.gw.db.prepare(`SELECT details FROM audit_log WHERE action = 'recording.export'`).get() as { details: string };
    expect(JSON.parse(audit.details)).toMatchObject({ reason: '群众报警核实', sha256: made.body.sha256 });
    // Another township's officer can neither export nor download it.
    expect((await h.api('POST', `/api/v1/cameras/${cam}/exports`, { from, to, reason: 'x y' }, officer)).status).toBe(403);
    expect((await fetch(`${h.gw.url}${made.body.url}`, { headers: { authorization: `Bearer ${officer}` } })).status).toBe(404);
  });

  it('an alarm on an event-plan camera being watched records a clip with its pre-event seconds, kept from retention', async () => {
    const cam2 = h.cameraIds.get(2)!;
    expect((await h.api('PUT', `/api/v1/cameras/${cam2}/recording-plan`, { mode: 'event', profile: 'sub', preSec: 4, postSec: 2 }, h.adminToken)).status).toBe(200);
    // Someone watches: the stream is running, so the packager holds the seconds before the alarm.
    await waitForSegments(await h.liveUrl(cam2, 'sub'), 5);
    const source = await h.api<{ apiKey: string }>('POST', '/api/v1/alarm-sources', { name: 'grid-recording' }, h.adminToken);
    const at = Date.now();
    const raised = await fetch(`${h.gw.url}/api/v1/alarms`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': source.body.apiKey }, body: JSON.stringify({ eventId: 'e-1', type: 'motion', severity: 'major', cameraId: cam2, title: '移动侦测' }) });
    expect(raised.status).toBe(201);
    const { alarmId } = (await raised.json()) as { alarmId: string };
    const clip = await until(async () => {
      const r = await h.api<{ state: string; start: string; ranges: Array<{ start: string; end: string }> }>('GET', `/api/v1/alarms/${alarmId}/clip`, undefined, h.adminToken);
      return r.status === 200 && r.body.state === 'ready' ? r.body : null;
    }, 20_000, 'the clip recorded', 500);
    expect(Date.parse(clip.ranges[0]!.start)).toBeLessThan(at - 2000); // pre-event seconds from the packager
    expect(Date.parse(clip.ranges.at(-1)!.end)).toBeGreaterThan(at + 1000);
    const row = h.gw.db.prepare('SELECT kept_until FROM recording_clips WHERE alarm_id = ?').get(alarmId) as { kept_until: number };
    expect(row.kept_until).toBeGreaterThan(at + 80 * 86_400_000);
    expect((await h.api('GET', `/api/v1/alarms/${alarmId}/clip`, undefined, officer)).status).toBe(404);
    // The alarm becomes an incident: its clip is the incident's (kept while the incident is open).
    const incident = await h.api<{ id: string }>('POST', `/api/v1/incidents/from-alarm/${alarmId}`, { clientRequestId: randomUUID(), category: 'public-security' }, h.adminToken);
    expect(incident.status, incident.text).toBe(201);
    expect(h.gw.db.prepare('SELECT incident_id AS incidentId FROM recording_clips WHERE alarm_id = ?').get(alarmId)).toEqual({ incidentId: incident.body.id });
  });

  it('the recordings and the plan of a camera outside a township officer’s scope are refused', async () => {
    const from = t0;
    const to = new Date(Date.now() + 60_000).toISOString();
    expect((await h.api('GET', `/api/v1/cameras/${cam}/recordings?from=${from}&to=${to}`, undefined, officer)).status).toBe(403);
    expect((await h.api('GET', `/api/v1/cameras/${cam}/playback?start=${from}`, undefined, officer)).status).toBe(403);
    // Defaults need camera.write (a duty officer has not); an org unit must exist, a category be 1–3; the list is scoped.
    const plan = { mode: 'event', profile: 'sub' };
    expect((await h.api('PUT', '/api/v1/recording-plan-defaults/category/3', plan, officer)).status).toBe(403);
    expect((await h.api('PUT', '/api/v1/recording-plan-defaults/org-unit/141130102', plan, officer)).status).toBe(403);
    expect((await h.api('PUT', '/api/v1/recording-plan-defaults/org-unit/141130999', plan, h.adminToken)).status).toBe(404);
    expect((await h.api('PUT', '/api/v1/recording-plan-defaults/category/9', plan, h.adminToken)).status).toBe(400);
    expect((await h.api('PUT', '/api/v1/recording-plan-defaults/org-unit/141130101', plan, h.adminToken)).status).toBe(200);
    expect((await h.api('PUT', '/api/v1/recording-plan-defaults/org-unit/141130102', plan, h.adminToken)).status).toBe(200);
    expect((await h.api<{ items: unknown[] }>('GET', '/api/v1/recording-plan-defaults', undefined, officer)).body.items).toEqual([{ kind: 'org-unit', target: '141130101', plan: { mode: 'event', profile: 'sub', preSec: 10, postSec: 30 } }]);
    expect((await h.api('PUT', `/api/v1/cameras/${cam}/recording-plan`, { mode: 'none' }, officer)).status).toBe(403);
    expect((await h.api<{ items: unknown[] }>('GET', '/api/v1/recordings/status', undefined, officer)).body.items).toEqual([]);
    expect((await h.api<{ items: Array<{ cameraId: string; state: string }> }>('GET', '/api/v1/recordings/status', undefined, h.adminToken)).body.items).toEqual(expect.arrayContaining([expect.objectContaining({ cameraId: cam, state: 'recording' })]));
  });

  it('plan none releases the stream: the recorder stops and the file is closed', async () => {
    expect((await h.api('PUT', `/api/v1/cameras/${cam}/recording-plan`, { mode: 'none' }, h.adminToken)).status).toBe(200);
    const open = h.gw.db.prepare('SELECT COUNT(*) AS n FROM recording_files WHERE camera_id = ? AND open = 1').get(cam) as { n: number };
    expect(open.n).toBe(0);
    const streams = await h.api<{ items: Array<{ cameraId: string; heldBy: string[] }> }>('GET', '/api/v1/streams', undefined, h.adminToken);
    expect(streams.body.items.find((s) => s.cameraId === cam)?.heldBy ?? []).toEqual([]);
  });
});
