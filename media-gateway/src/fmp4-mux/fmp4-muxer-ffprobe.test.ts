// The muxer's output as a file (init + every fragment, as a player appends them) read by the real ffprobe — every
// frame with the timestamps the muxer was given — and decoded by ffmpeg without a single error line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { muxClip } from './testing/mux-clip';

const FFMPEG = '/usr/bin/ffmpeg';
const FFPROBE = '/usr/bin/ffprobe';
const available = existsSync(FFMPEG) && existsSync(FFPROBE);
const title = available ? 'muxed bytes read by ffprobe and ffmpeg' : `muxed bytes read by ffprobe and ffmpeg (SKIPPED: ${FFPROBE} not found)`;

interface Probe {
  streams: { index: number; codec_name: string; width?: number; height?: number; nb_read_frames: string }[];
  packets: { stream_index: number; pts: number; dts: number; flags: string }[];
}

describe.skipIf(!available)(title, () => {
  const dir = mkdtempSync(join(tmpdir(), 'fmp4-mux-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Three cases, five processes (~0.15 s CPU each): the unit budget is < 2 s a file.
  it.each([
    ['h264', true, 'h264'],
    ['h265', true, 'hevc'],
    ['h264', false, 'h264'],
  ] as const)('%s (audio: %s): every frame decodes, with the pts/dts it was muxed with', (clip, audio, codecName) => {
    const { aus, bytes, fragments } = muxClip(clip, { audio });
    const file = join(dir, `${clip}-${audio}.mp4`);
    writeFileSync(file, bytes);
    // -count_frames decodes every frame: a decode error would be printed at level "error".
    const run = spawnSync(FFPROBE, ['-v', 'error', '-count_frames', '-show_entries', 'stream=index,codec_name,width,height,nb_read_frames:packet=stream_index,pts,dts,flags', '-of', 'json', file], { encoding: 'utf8' });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    const probe = JSON.parse(run.stdout) as Probe;
    expect(probe.streams[0]).toMatchObject({ codec_name: codecName, width: 320, height: 180, nb_read_frames: String(aus.length) });
    const video = probe.packets.filter((p) => p.stream_index === 0);
    expect(video.map((p) => [p.dts, p.pts, p.flags.startsWith('K')])).toEqual(aus.map((a) => [a.dts90k, a.au.pts90k, a.au.key]));

    const audioFrames = fragments.reduce((n, f) => n + f.audioSamples, 0);
    if (audio) {
      expect(probe.streams[1]).toMatchObject({ codec_name: 'aac', nb_read_frames: String(audioFrames) });
      const pts = probe.packets.filter((p) => p.stream_index === 1).map((p) => p.pts);
      expect(pts).toEqual(pts.map((_, i) => i * 1024));
      // ffmpeg's own demux + decode of both tracks; -xerror stops (and fails) at the first decode error.
      const decode = spawnSync(FFMPEG, ['-v', 'error', '-xerror', '-i', file, '-f', 'null', '-'], { encoding: 'utf8' });
      expect({ status: decode.status, stderr: decode.stderr }).toEqual({ status: 0, stderr: '' });
    } else expect(probe.streams).toHaveLength(1);
  });
});
