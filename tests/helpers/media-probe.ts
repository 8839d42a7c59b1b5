import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PlaylistInfo {
  text: string;
  init: string | null;
  segments: string[];
  parts: string[];
}

/** Minimal playlist reading for tests: URIs of the init, complete segments and parts, resolved against the playlist. */
export function parsePlaylist(text: string, base: string): PlaylistInfo {
  const abs = (u: string) => new URL(u, base).toString();
  const init = /#EXT-X-MAP:URI="([^"]+)"/.exec(text)?.[1] ?? null;
  const lines = text.split('\n');
  const segments = lines.filter((l) => l && !l.startsWith('#')).map(abs);
  const parts = [...text.matchAll(/#EXT-X-PART:[^\n]*URI="([^"]+)"/g)].map((m) => abs(m[1]!));
  return { text, init: init && abs(init), segments, parts };
}

export async function fetchOk(url: string): Promise<Buffer> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${new URL(url).pathname} → ${res.status} ${await res.text()}`);
  return Buffer.from(await res.arrayBuffer());
}

/** Polls the playlist until it lists at least `n` complete segments. */
export async function waitForSegments(playlistUrl: string, n: number, timeoutMs = 20_000): Promise<PlaylistInfo> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const res = await fetch(playlistUrl);
    last = `${res.status} ${await res.clone().text()}`;
    if (res.ok) {
      const info = parsePlaylist(await res.text(), playlistUrl);
      if (info.segments.length >= n && info.init) return info;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`playlist never had ${n} segments; last answer: ${last.slice(0, 300)}`);
}

/** Downloads init + segments into one file that ffprobe/ffmpeg can read. */
export async function downloadMedia(info: PlaylistInfo, count = 2): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'cvg-media-'));
  const file = join(dir, 'media.mp4');
  const chunks = [await fetchOk(info.init!)];
  for (const seg of info.segments.slice(-count)) chunks.push(await fetchOk(seg));
  writeFileSync(file, Buffer.concat(chunks));
  return file;
}

export async function probeVideo(file: string): Promise<{ codec: string; width: number; height: number; frames: number }> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,width,height,nb_read_frames', '-of', 'json', file]);
  const s = (JSON.parse(stdout) as { streams: Array<{ codec_name: string; width: number; height: number; nb_read_frames: string }> }).streams[0]!;
  return { codec: s.codec_name, width: s.width, height: s.height, frames: Number(s.nb_read_frames) };
}

/** Decodes the last frame and returns the RGB of its centre pixel. */
export async function centrePixel(file: string, width: number, height: number): Promise<{ r: number; g: number; b: number }> {
  const { stdout } = await run('ffmpeg', ['-v', 'error', '-i', file, '-vf', `crop=2:2:${width / 2}:${height / 2}`, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], {
    encoding: 'buffer',
    maxBuffer: 1 << 20,
  });
  const buf = stdout as unknown as Buffer;
  return { r: buf[0]!, g: buf[1]!, b: buf[2]! };
}

export async function until<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs: number, what: string, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
