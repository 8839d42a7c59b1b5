/**
 * The H.265 section of `npm run bench:streams`: what one 1080p stream costs the gateway's ffmpeg per delivery —
 * H.264 remux, H.265 passthrough (hvc1), H.265 → H.264 transcodes within the sub (≤640x360) and main (≤1280x720)
 * caps — and whether a transcode's output stays smaller than its input and keeps up with real time (lag).
 * The camera is GStreamer's RTSP server replaying pre-encoded clips (no encoding on the camera side).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startGstCamera } from '../../tests/helpers/gst-camera';
import type { GatewayProcess } from './gateway-process';
import { followStream } from './ll-hls-follower';
import { childrenOf, cpuSeconds } from './proc-stats';

const run = promisify(execFile);
const CLIP_SEC = 30;

/** 1080p25 with sensor-like noise, 2 s GOP: H.265 at ~3 Mbit/s (the camera), H.264 at ~4 Mbit/s. */
async function clip(codec: 'h264' | 'h265'): Promise<string> {
  const file = join(tmpdir(), `cvg-bench-1080p-${codec}-${CLIP_SEC}s.mp4`);
  if (existsSync(file)) return file;
  process.stdout.write(`Encoding a ${CLIP_SEC} s 1080p ${codec} clip (first run only)…\n`);
  const enc =
    codec === 'h265'
      ? ['-c:v', 'libx265', '-preset', 'ultrafast', '-x265-params', 'keyint=50:min-keyint=50:bframes=0:log-level=error', '-b:v', '3000k', '-tag:v', 'hvc1']
      : ['-c:v', 'libx264', '-preset', 'veryfast', '-g', '50', '-bf', '0', '-b:v', '4000k'];
  await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=1920x1080:rate=25,noise=alls=8:allf=t', '-t', String(CLIP_SEC), ...enc, '-y', `${file}.tmp.mp4`]);
  await run('mv', [`${file}.tmp.mp4`, file]);
  return file;
}

async function bitrateOf(file: string): Promise<number> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'format=bit_rate', '-of', 'default=nw=1:nk=1', file]);
  return Number(stdout.trim());
}

interface StreamItem {
  cameraId: string;
  profile: string;
  video: string;
  encoder: string | null;
  bitrateBps: number | null;
  width: number | null;
  height: number | null;
  lagSec: number | null;
}

interface Case {
  label: string;
  camera: 'h264' | 'h265';
  profile: 'main' | 'sub';
  original: boolean;
}

const CASES: Case[] = [
  { label: 'H.264 1080p remux (copy)', camera: 'h264', profile: 'main', original: false },
  { label: 'H.265 1080p passthrough (copy, hvc1)', camera: 'h265', profile: 'main', original: true },
  { label: 'H.265 → H.264 transcode, sub caps', camera: 'h265', profile: 'sub', original: false },
  { label: 'H.265 → H.264 transcode, main caps', camera: 'h265', profile: 'main', original: false },
];

async function noFfmpeg(gw: GatewayProcess): Promise<void> {
  for (let i = 0; i < 100 && childrenOf(gw.pid, /ffmpeg$/).length > 0; i++) await new Promise((r) => setTimeout(r, 200));
}

/** Runs the cases one at a time (so each ffmpeg's CPU is its own) and returns the markdown table. */
export async function benchH265(gw: GatewayProcess, windowSec: number): Promise<string> {
  const files = { h264: await clip('h264'), h265: await clip('h265') };
  const input = { h264: await bitrateOf(files.h264), h265: await bitrateOf(files.h265) };
  const cam = await startGstCamera({ files: { '/bench264': files.h264, '/bench265': files.h265 } });
  try {
    const ids = {} as Record<'h264' | 'h265', string>;
    for (const codec of ['h264', 'h265'] as const) {
      const uri = cam.url(`/bench${codec.slice(1)}`);
      const c = await gw.api<{ id: string }>('POST', '/api/v1/cameras', {
        name: `bench ${codec}`, orgUnitId: '141130', category: 3, sourceType: 'rtsp', host: '127.0.0.1', rtspPort: cam.port,
        mainStreamUri: uri, subStreamUri: uri, videoCodec: codec,
      });
      ids[codec] = c.id;
    }
    const rows: string[] = [];
    for (const c of CASES) {
      process.stdout.write(`H.265 bench: ${c.label}…\n`);
      await noFfmpeg(gw);
      const stop = { requested: false };
      const { url } = await gw.api<{ url: string }>('GET', `/api/v1/cameras/${ids[c.camera]}/live?profile=${c.profile}${c.original ? '&video=original' : ''}`);
      const follower = followStream(url, stop, () => null);
      await new Promise((r) => setTimeout(r, 4000));
      const pids = childrenOf(gw.pid, /ffmpeg$/);
      const cpu0 = pids.map(cpuSeconds);
      const t0 = Date.now();
      await new Promise((r) => setTimeout(r, windowSec * 1000));
      const cores = pids.reduce((sum, pid, i) => sum + cpuSeconds(pid) - cpu0[i]!, 0) / ((Date.now() - t0) / 1000);
      const { items } = await gw.api<{ items: StreamItem[] }>('GET', '/api/v1/streams');
      const s = items.find((x) => x.cameraId === ids[c.camera] && x.profile === c.profile);
      stop.requested = true;
      const { errors } = await follower;
      const inMbps = input[c.camera] / 1e6;
      const outMbps = (s?.bitrateBps ?? NaN) / 1e6;
      rows.push(
        `| ${c.label} | ${s?.video ?? '–'} | ${s?.encoder ?? '–'} | ${s?.width ?? '–'}x${s?.height ?? '–'} | ${cores.toFixed(3)} | ${inMbps.toFixed(2)} | ${outMbps.toFixed(2)} | ${(outMbps / inMbps).toFixed(2)} | ${s?.lagSec ?? '–'} | ${errors} |`,
      );
    }
    return [
      '| 1080p25 source | delivery | encoder | output | ffmpeg CPU (cores) | input (Mbit/s) | output (Mbit/s) | out/in | lag (s) | errors |',
      '| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...rows,
    ].join('\n');
  } finally {
    await cam.close();
  }
}
