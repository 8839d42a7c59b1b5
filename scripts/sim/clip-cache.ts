/**
 * Per camera and profile, a 4-second H.264 clip encoded once with ffmpeg and cached on disk; loaded and parsed into
 * memory on first use. Encodes run at most `maxConcurrentEncodes` at a time, requests for a clip already being
 * encoded share that encode, and encodes a client is waiting for go ahead of prewarm encodes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { simCameraColour, simCameraName, type Rgb } from './camera-identity';
import { audioClipFrom, audioFileExtension, buildAudioEncodeArgs, type AudioClip, type AudioCodec } from './audio-clip';
import { UNIFORM_PROFILE, videoProfileKey, type CameraProfile } from './camera-profile';
import { CLIP_FPS, CLIP_FRAMES, CLIP_SECONDS, PROFILE_SPECS, clipFromAnnexB, type Clip, type SimProfile } from './clip';
import { patternFilters } from './frame-index-pattern';
import { buildPtzEncodeArgs } from './ptz-scene';
import { allPtzCells, cellKey, type PtzCell } from './ptz-state';
import { FRAMES_SUFFIX, clipOutputArgs, elementaryFormat, presentationOrder, videoEncoderArgs, videoRecipe, type VideoRecipe } from './video-encode';

/** Bump when the encoding recipe changes in a way the argument hash would not catch. */
export const CLIP_FORMAT_VERSION = 2;

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SIM_CACHE_DIR) return env.SIM_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'county-video-sim');
}

const FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/TTF/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf',
];

/** The first DejaVu font found, or null (drawtext then falls back to fontconfig's default). */
export function findFont(): string | null {
  for (const f of FONT_CANDIDATES) if (existsSync(f)) return f;
  try {
    const dir = '/usr/share/fonts/truetype/dejavu';
    const any = readdirSync(dir).find((f) => f.endsWith('.ttf'));
    if (any) return join(dir, any);
  } catch {
    // no DejaVu directory
  }
  return null;
}

/**
 * Quote a value for an ffmpeg filtergraph option: the quotes protect it from the graph parser, and `\\` / `\:`
 * escapes survive that level for the option parser. Values never contain quotes (we build them).
 */
function filterQuote(value: string): string {
  if (value.includes("'")) throw new Error(`unsupported quote in filter value: ${value}`);
  return `'${value.replace(/\\/g, '\\\\').replace(/:/g, '\\:')}'`;
}

const hex = (c: Rgb): string => [c.r, c.g, c.b].map((v) => v.toString(16).padStart(2, '0')).join('');

export interface ClipRecipe {
  index: number;
  profile: SimProfile;
  colour: Rgb;
  label: string;
  font: string | null;
  /** Codec, GOP and B-frames of this stream (camera-profile.ts). */
  video: VideoRecipe;
  /** A PTZ camera's picture for one pan/tilt/zoom cell (ptz-scene.ts) instead of the plain colour. */
  ptz?: PtzCell;
  /**
   * A moving test picture (ffmpeg testsrc2) at this bitrate instead of the plain colour: load benchmarks need the
   * bitrate of a real scene (a solid colour sub stream is ~130 kbit/s, a street scene ~800).
   */
  busyKbps?: number;
}

export function clipRecipe(
  index: number,
  profile: SimProfile,
  font: string | null,
  camera: CameraProfile = UNIFORM_PROFILE,
  ptz?: PtzCell,
  busyKbps?: number,
): ClipRecipe {
  return {
    index,
    profile,
    colour: simCameraColour(index),
    label: `${simCameraName(index)} ${profile}`,
    font,
    video: videoRecipe(camera, profile),
    ...(ptz ? { ptz } : {}),
    ...(busyKbps !== undefined && !ptz ? { busyKbps } : {}),
  };
}

/**
 * ffmpeg arguments (no shell) that render the clip: solid colour, label and clip clock top-left, a marker sliding
 * along the bottom edge (same position at t=0 and t=4 s, so the loop is seamless), the frame-index block row top-right
 * (frame-index-pattern.ts). The centre stays untouched.
 * Output: raw Annex-B H.264/H.265 with AUDs and a framecrc sidecar (video-encode.ts), BT.709 limited range.
 * `outName` is a plain file name in ffmpeg's working directory (the clip's cache directory).
 */
export function buildEncodeArgs(recipe: ClipRecipe, outName: string): string[] {
  if (recipe.ptz) return buildPtzEncodeArgs({ ...recipe, cell: recipe.ptz }, outName);
  const p = PROFILE_SPECS[recipe.profile];
  const size = `${p.width}x${p.height}`;
  const fontOpt = recipe.font ? `fontfile=${filterQuote(recipe.font)}:` : '';
  const text = (t: string, y: number, fontSize: number): string =>
    `drawtext=${fontOpt}text=${filterQuote(t)}:x=${p.margin}:y=${y}:fontsize=${fontSize}:fontcolor=white:borderw=2:bordercolor=black`;
  const graph = [
    `[0:v][1:v]overlay=x='(W-w)*mod(t\\,${CLIP_SECONDS})/${CLIP_SECONDS}':y=H-h-${p.margin}`,
    text(recipe.label, p.margin, p.titleFontSize),
    // %{pts:hms} is expanded by drawtext; its ':' must stay escaped inside the quoted text.
    `drawtext=${fontOpt}text='%{pts\\:hms}':x=${p.margin}:y=${p.margin + Math.round(p.titleFontSize * 1.3)}:fontsize=${p.clockFontSize}:fontcolor=white:borderw=2:bordercolor=black`,
    patternFilters(p.width, p.height),
    'scale=out_color_matrix=bt709:out_range=tv',
    'format=yuv420p[v]',
  ].join(',');
  const kbps = recipe.busyKbps ?? p.bitrateKbps;
  const background = recipe.busyKbps !== undefined ? `testsrc2=s=${size}:r=${CLIP_FPS}:d=${CLIP_SECONDS}` : `color=c=0x${hex(recipe.colour)}:s=${size}:r=${CLIP_FPS}:d=${CLIP_SECONDS}`;
  return [
    '-hide_banner', '-nostdin', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', background,
    '-f', 'lavfi', '-i', `color=c=white:s=${p.marker.width}x${p.marker.height}:r=${CLIP_FPS}:d=${CLIP_SECONDS}`,
    '-filter_complex', graph,
    '-map', '[v]',
    '-frames:v', String(CLIP_FRAMES),
    ...videoEncoderArgs(recipe.video, kbps),
    ...clipOutputArgs(recipe.video, outName),
  ];
}

/**
 * Cache file for a recipe: version, index, stream and video profile in the name plus a hash of the exact recipe, so
 * clips of other profiles stay valid side by side. The framecrc sidecar is the same path plus FRAMES_SUFFIX.
 */
export function clipCachePath(cacheDir: string, recipe: ClipRecipe): string {
  const hash = createHash('sha256').update(JSON.stringify(buildEncodeArgs(recipe, 'OUT'))).digest('hex').slice(0, 10);
  const ptz = recipe.ptz ? `-ptz-${cellKey(recipe.ptz)}` : '';
  const key = videoProfileKey({ gopSec: (recipe.video.gopFrames / CLIP_FPS) as CameraProfile['gopSec'], bFrames: recipe.video.bFrames, mainCodec: recipe.video.codec }, recipe.profile);
  return join(cacheDir, `v${CLIP_FORMAT_VERSION}`, `cam-${String(recipe.index).padStart(4, '0')}-${recipe.profile}${ptz}-${key}-${hash}.${elementaryFormat(recipe.video.codec)}`);
}

type Priority = 'now' | 'background';

/** A small two-level priority semaphore; a queued background job can be promoted when a client starts waiting. */
class EncodeQueue {
  private running = 0;
  private readonly waiting: Record<Priority, Array<{ key: string; go: () => void }>> = { now: [], background: [] };

  constructor(private readonly limit: number) {}

  async run<T>(key: string, priority: Priority, task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((go) => this.waiting[priority].push({ key, go }));
    else this.running++;
    try {
      return await task();
    } finally {
      const next = this.waiting.now.shift() ?? this.waiting.background.shift();
      if (next) next.go(); // the slot passes straight to the next job
      else this.running--;
    }
  }

  promote(key: string): void {
    const i = this.waiting.background.findIndex((w) => w.key === key);
    if (i >= 0) this.waiting.now.push(...this.waiting.background.splice(i, 1));
  }

  get queued(): number {
    return this.waiting.now.length + this.waiting.background.length;
  }
}

export interface ClipCacheOptions {
  cacheDir?: string;
  maxConcurrentEncodes?: number;
  ffmpegPath?: string;
  /** Drop a parsed clip from memory this long after its last session ended. */
  idleEvictMs?: number;
  log?: (msg: string) => void;
  /** Each camera's profile (codec, GOP, B-frames of its clips); default: the uniform profile for every camera. */
  profileOf?: (index: number) => CameraProfile;
  /** Sub streams show a moving test picture at this bitrate (ClipRecipe.busyKbps); default: the plain colour. */
  busySubKbps?: number;
}

export interface ClipCacheStats {
  cacheDir: string;
  encodes: number;
  encodeMsTotal: number;
  encodeMsMax: number;
  encodesInFlight: number;
  encodesQueued: number;
  clipsInMemory: number;
  bytesInMemory: number;
}

interface MemoryEntry {
  clip: Promise<Clip>;
  refs: number;
  evictTimer: NodeJS.Timeout | null;
}

export class ClipCache {
  readonly cacheDir: string;
  private readonly ffmpeg: string;
  private readonly font: string | null;
  private readonly queue: EncodeQueue;
  private readonly idleEvictMs: number;
  private readonly log: (msg: string) => void;
  private readonly profileOf: (index: number) => CameraProfile;
  private readonly busySubKbps: number | undefined;
  private readonly memory = new Map<string, MemoryEntry>();
  private readonly encoding = new Map<string, { promise: Promise<string>; priority: Priority }>();
  private readonly children = new Set<ChildProcess>();
  private readonly loaded = new Map<string, Clip>();
  private readonly audio = new Map<string, Promise<AudioClip>>();
  private closed = false;
  private encodes = 0;
  private encodeMsTotal = 0;
  private encodeMsMax = 0;

  constructor(opts: ClipCacheOptions = {}) {
    this.cacheDir = opts.cacheDir ?? defaultCacheDir();
    this.ffmpeg = opts.ffmpegPath ?? 'ffmpeg';
    this.queue = new EncodeQueue(Math.max(1, opts.maxConcurrentEncodes ?? 2));
    this.idleEvictMs = opts.idleEvictMs ?? 60_000;
    this.log = opts.log ?? (() => {});
    this.profileOf = opts.profileOf ?? (() => UNIFORM_PROFILE);
    this.busySubKbps = opts.busySubKbps;
    this.font = findFont();
    if (!this.font) this.log('sim: no DejaVu font found; drawtext will use the fontconfig default');
  }

  private key(index: number, profile: SimProfile, ptz?: PtzCell): string {
    return ptz ? `${index}/${profile}/${cellKey(ptz)}` : `${index}/${profile}`;
  }

  /**
   * The parsed clip, encoding it first if needed. Pair with release() when a session stops using it; clips without
   * users are dropped from memory after idleEvictMs (the disk copy stays).
   */
  acquire(index: number, profile: SimProfile, ptz?: PtzCell): Promise<Clip> {
    const key = this.key(index, profile, ptz);
    let entry = this.memory.get(key);
    if (!entry) {
      const clip = this.load(index, profile, ptz);
      entry = { clip, refs: 0, evictTimer: null };
      this.memory.set(key, entry);
      const created = entry;
      clip.catch(() => {
        if (this.memory.get(key) === created) this.memory.delete(key);
      });
    }
    entry.refs++;
    if (entry.evictTimer) {
      clearTimeout(entry.evictTimer);
      entry.evictTimer = null;
    }
    return entry.clip;
  }

  release(index: number, profile: SimProfile, ptz?: PtzCell): void {
    const key = this.key(index, profile, ptz);
    const entry = this.memory.get(key);
    if (!entry) return;
    entry.refs = Math.max(0, entry.refs - 1);
    if (entry.refs === 0 && !entry.evictTimer && !this.closed) {
      entry.evictTimer = setTimeout(() => {
        if (entry.refs === 0) {
          this.memory.delete(key);
          this.loaded.delete(key);
        }
      }, this.idleEvictMs);
      entry.evictTimer.unref();
    }
  }

  /** Encode (if not cached on disk) the given cameras' clips in the background; resolves when all are on disk. */
  async prewarm(indices: readonly number[], profiles: readonly SimProfile[] = ['sub', 'main']): Promise<void> {
    const jobs = indices.flatMap((i) => profiles.map((p) => this.ensureOnDisk(i, p, 'background')));
    for (const i of indices) {
      const codec = this.profileOf(i).audio;
      if (codec !== 'none') jobs.push(this.ensureJobOnDisk(audioJob(this.cacheDir, i, codec), 'background'));
    }
    const results = await Promise.allSettled(jobs);
    const failed = results.filter((r) => r.status === 'rejected');
    if (failed.length > 0) {
      throw new Error(`${failed.length} prewarm encodes failed: ${String((failed[0] as PromiseRejectedResult).reason)}`);
    }
  }

  /** Encode every PTZ cell clip of a camera's profile in the background (a PTZ camera's first viewer starts this). */
  prewarmPtz(index: number, profile: SimProfile): Promise<void> {
    return Promise.allSettled(allPtzCells().map((cell) => this.ensureOnDisk(index, profile, 'background', cell))).then(() => undefined);
  }

  stats(): ClipCacheStats {
    let bytes = 0;
    for (const c of this.loaded.values()) bytes += c.bytes;
    return {
      cacheDir: this.cacheDir,
      encodes: this.encodes,
      encodeMsTotal: Math.round(this.encodeMsTotal),
      encodeMsMax: Math.round(this.encodeMsMax),
      encodesInFlight: this.children.size,
      encodesQueued: this.queue.queued,
      clipsInMemory: this.loaded.size,
      bytesInMemory: bytes,
    };
  }

  /** Kill running encodes and forget everything in memory. */
  close(): void {
    this.closed = true;
    for (const child of this.children) child.kill('SIGKILL');
    for (const e of this.memory.values()) if (e.evictTimer) clearTimeout(e.evictTimer);
    this.memory.clear();
    this.loaded.clear();
    this.audio.clear();
  }

  private async load(index: number, profile: SimProfile, ptz?: PtzCell): Promise<Clip> {
    const key = this.key(index, profile, ptz);
    const spec = PROFILE_SPECS[profile];
    const video = videoRecipe(this.profileOf(index), profile);
    for (let attempt = 0; ; attempt++) {
      const path = await this.ensureOnDisk(index, profile, 'now', ptz);
      try {
        const order = presentationOrder(await readFile(`${path}${FRAMES_SUFFIX}`, 'utf8'));
        const meta = { profile, width: spec.width, height: spec.height, fps: CLIP_FPS, gop: video.gopFrames, codec: video.codec, presentationOrder: order };
        const clip = clipFromAnnexB(await readFile(path), meta);
        if (clip.accessUnits.length !== CLIP_FRAMES) throw new Error(`expected ${CLIP_FRAMES} frames, got ${clip.accessUnits.length}`);
        this.loaded.set(key, clip);
        return clip;
      } catch (err) {
        // A truncated or foreign file: remove it and encode again, once.
        await rm(path, { force: true });
        await rm(`${path}${FRAMES_SUFFIX}`, { force: true });
        if (attempt >= 1) throw err;
        this.log(`sim: cached clip ${path} unusable (${(err as Error).message}); re-encoding`);
      }
    }
  }

  private videoJob(index: number, profile: SimProfile, ptz?: PtzCell): EncodeJob {
    const recipe = clipRecipe(index, profile, this.font, this.profileOf(index), ptz, profile === 'sub' ? this.busySubKbps : undefined);
    return { path: clipCachePath(this.cacheDir, recipe), label: recipe.label, args: (out) => buildEncodeArgs(recipe, out), sidecars: [FRAMES_SUFFIX] };
  }

  private ensureOnDisk(index: number, profile: SimProfile, priority: Priority, ptz?: PtzCell): Promise<string> {
    return this.ensureJobOnDisk(this.videoJob(index, profile, ptz), priority);
  }

  /**
   * The camera's audio track (null when its profile has none): a tone encoded once to disk, parsed into RTP packets and
   * kept in memory (a few KB) for the life of the cache.
   */
  acquireAudio(index: number): Promise<AudioClip | null> {
    const codec = this.profileOf(index).audio;
    if (codec === 'none') return Promise.resolve(null);
    const key = `${index}/audio/${codec}`;
    let clip = this.audio.get(key);
    if (!clip) {
      const job = audioJob(this.cacheDir, index, codec);
      clip = this.ensureJobOnDisk(job, 'now').then(async (path) => audioClipFrom(codec, await readFile(path)));
      this.audio.set(key, clip);
      clip.catch(() => this.audio.delete(key));
    }
    return clip;
  }

  private async ensureJobOnDisk(job: EncodeJob, priority: Priority): Promise<string> {
    const path = job.path;
    const joined = (): Promise<string> | null => {
      const inflight = this.encoding.get(path);
      if (!inflight) return null;
      if (priority === 'now' && inflight.priority === 'background') {
        inflight.priority = 'now';
        this.queue.promote(path);
      }
      return inflight.promise;
    };
    const early = joined();
    if (early) return early;
    if (await fileNonEmpty(path)) return path;
    const late = joined(); // another caller may have started while we awaited stat
    if (late) return late;
    const promise = this.queue
      .run(path, priority, async () => {
        if (this.closed) throw new Error('clip cache closed');
        if (await fileNonEmpty(path)) return path; // e.g. another process finished it meanwhile
        await this.encode(job);
        return path;
      })
      .finally(() => this.encoding.delete(path));
    this.encoding.set(path, { promise, priority });
    return promise;
  }

  private async encode(job: EncodeJob): Promise<void> {
    const { path } = job;
    const dir = dirname(path);
    await mkdir(dir, { recursive: true });
    const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    const started = performance.now();
    try {
      await new Promise<void>((resolve, reject) => {
        const child = spawn(this.ffmpeg, job.args(basename(tmp)), { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
        this.children.add(child);
        let stderr = '';
        child.stderr?.on('data', (d: Buffer) => {
          stderr = (stderr + d.toString()).slice(-4000);
        });
        const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
        child.on('error', (err) => {
          clearTimeout(timer);
          this.children.delete(child);
          reject(new Error(`cannot run ${this.ffmpeg}: ${err.message}`));
        });
        child.on('close', (code, signal) => {
          clearTimeout(timer);
          this.children.delete(child);
          if (code === 0) resolve();
          else reject(new Error(`ffmpeg encode of ${job.label} failed (${signal ?? `exit ${code}`}): ${stderr.trim()}`));
        });
      });
      // Sidecars first: a clip file on disk implies its companions are there too.
      for (const suffix of job.sidecars) await rename(`${tmp}${suffix}`, `${path}${suffix}`);
      await rename(tmp, path);
    } catch (err) {
      await rm(tmp, { force: true });
      for (const suffix of job.sidecars) await rm(`${tmp}${suffix}`, { force: true });
      throw err;
    }
    const ms = performance.now() - started;
    this.encodes++;
    this.encodeMsTotal += ms;
    this.encodeMsMax = Math.max(this.encodeMsMax, ms);
    this.log(`sim: encoded ${job.label} in ${Math.round(ms)} ms`);
  }
}

/** One ffmpeg run that produces a cache file (plus sidecar files named path + suffix). */
interface EncodeJob {
  path: string;
  label: string;
  /** ffmpeg arguments writing to `outName` in the file's directory. */
  args(outName: string): string[];
  sidecars: string[];
}

function audioJob(cacheDir: string, index: number, codec: AudioCodec): EncodeJob {
  const args = (out: string): string[] => buildAudioEncodeArgs(index, codec, out);
  const hash = createHash('sha256').update(JSON.stringify(args('OUT'))).digest('hex').slice(0, 10);
  const name = `cam-${String(index).padStart(4, '0')}-audio-${codec}-${hash}.${audioFileExtension(codec)}`;
  return { path: join(cacheDir, `v${CLIP_FORMAT_VERSION}`, name), label: `${simCameraName(index)} audio ${codec}`, args, sidecars: [] };
}

async function fileNonEmpty(path: string): Promise<boolean> {
  try {
    return (await stat(path)).size > 0;
  } catch {
    return false;
  }
}
