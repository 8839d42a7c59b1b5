/**
 * Runs in Chromium (bundled by esbuild into one IIFE, global `G2G`; see g2g-bench.ts): plays one live stream and, on
 * every presented frame, reads the simulator's frame-index block row off a canvas and notes when the frame was shown.
 *
 * Players:
 * - `console`: the console's own LivePlayer (renderer/src/features/player/live-player.ts) exactly as a tile runs it —
 *   liveHlsConfig, liveMaxLatencyDuration set on LEVEL_UPDATED, play() on MANIFEST_PARSED, its freeze detector and
 *   retries, no worker (as use-live-player.ts).
 * - `plain`: hls.js with `{ lowLatencyMode: true }` and nothing else, for comparison.
 */
import Hls, { Events, type ErrorData } from 'hls.js';
import { decodeFrameIndex } from '../../sim/frame-index-pattern';
import { LivePlayer } from '../../../renderer/src/features/player/live-player';
import type { LiveUrl } from '../../../renderer/src/gateway/gateway-types';
import type { G2gPageOptions, G2gPageResult, TtffPageOptions, TtffPageResult } from './protocol';

/** Which camera the console player asks for, and the API token (set by the benchmark before the page loads). */
declare global {
  interface Window {
    g2gLive?: { cameraId: string; token: string };
  }
}

const CANVAS_W = 640;
const CANVAS_H = 360;

type Trigger = (this: Hls, event: string, data: unknown) => boolean;

/** Every hls.js instance's events pass through trigger(): the console player's own instance is private. */
function watchHls(onError: (d: ErrorData) => void): { current: () => Hls | null } {
  const seen: { hls: Hls | null } = { hls: null };
  const proto = Hls.prototype as unknown as { trigger: Trigger };
  const original = proto.trigger;
  proto.trigger = function (this: Hls, event, data) {
    seen.hls = this;
    if (event === Events.ERROR) onError(data as ErrorData);
    return original.call(this, event, data);
  };
  return { current: () => seen.hls };
}

/** Starts a player on `video`; returns what stops it. `cameraId` (console) overrides the page's camera. */
function startPlayer(o: Pick<G2gPageOptions, 'mode' | 'profile' | 'url'> & { cameraId?: string }, video: HTMLVideoElement, playerEvents: string[]): () => void {
  if (o.mode === 'plain') {
    const hls = new Hls({ lowLatencyMode: true });
    video.autoplay = true;
    hls.attachMedia(video);
    hls.loadSource(o.url);
    return () => hls.destroy();
  }
  const fetchLiveUrl = async (_cameraId: string, profile: string): Promise<LiveUrl> => {
    // Same-origin, straight to the gateway, as the console's own client asks for it.
    const { token } = window.g2gLive!;
    const cameraId = o.cameraId ?? window.g2gLive!.cameraId;
    const res = await fetch(`/api/v1/cameras/${encodeURIComponent(cameraId)}/live?profile=${profile}`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`live URL: HTTP ${res.status}`);
    const live = (await res.json()) as { url: string; expiresAt: string };
    return { url: live.url, expiresAt: live.expiresAt, serverDateMs: null, receivedAtMs: Date.now() };
  };
  const player = new LivePlayer({
    video,
    cameraId: 'g2g',
    profile: o.profile,
    fetchLiveUrl,
    emit: (e) => {
      if (e.type !== 'progress') playerEvents.push('reason' in e ? `${e.type}:${e.reason.code ?? e.reason.kind}` : e.type);
    },
    workerPath: null, // as the console's tiles (use-live-player.ts)
    isHidden: () => document.hidden,
    lowLatency: true,
  });
  player.start();
  return () => player.dispose();
}

export function runG2g(o: G2gPageOptions): Promise<G2gPageResult> {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.width = CANVAS_W;
  video.height = CANVAS_H;
  document.body.appendChild(video);
  const canvas = document.createElement('canvas');
  canvas.width = CANVAS_W;
  canvas.height = CANVAS_H;
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;

  const r: G2gPageResult = { frames: [], stalls: [], errors: [], playerEvents: [], samples: [], firstFrameAt: null, endedAt: 0, droppedFrames: 0, totalFrames: 0 };
  const hls = watchHls((d) => r.errors.push(d.details + (d.fatal ? ':fatal' : '')));
  const openStall = () => r.stalls.find((s) => s.endMs === null);
  const endStall = () => {
    const s = openStall();
    if (s) s.endMs = Date.now();
  };
  // A seek (the console's start at a keyframe then its jump to the live position) waits for the decoder by design:
  // a stall is a wait for data while playing, not a seek.
  video.addEventListener('waiting', () => {
    if (r.firstFrameAt !== null && !openStall() && !video.seeking) r.stalls.push({ startMs: Date.now(), endMs: null });
  });
  video.addEventListener('playing', endStall);

  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearInterval(sampler);
      const q = video.getVideoPlaybackQuality();
      r.droppedFrames = q.droppedVideoFrames;
      r.totalFrames = q.totalVideoFrames;
      r.endedAt = Date.now();
      resolve(r);
    };
    const sampler = setInterval(() => {
      const h = hls.current();
      if (!h || r.firstFrameAt === null) return;
      const b = video.buffered;
      const ahead = b.length > 0 ? b.end(b.length - 1) - video.currentTime : 0;
      r.samples.push({ latency: h.latency, target: h.targetLatency ?? NaN, rate: video.playbackRate, ahead });
    }, 500);
    const onFrame = (_now: number, meta: VideoFrameCallbackMetadata) => {
      if (done) return;
      // expectedDisplayTime is on the performance.now() timeline; map it to the wall clock the simulator stamps with.
      const displayMs = meta.expectedDisplayTime + (Date.now() - performance.now());
      ctx.drawImage(video, 0, 0, CANVAS_W, CANVAS_H);
      const index = decodeFrameIndex(ctx.getImageData(0, 0, CANVAS_W, CANVAS_H).data, CANVAS_W, CANVAS_H, 4);
      r.frames.push([index ?? -1, displayMs]);
      endStall();
      if (r.firstFrameAt === null) {
        r.firstFrameAt = displayMs;
        setTimeout(finish, o.durationMs);
      }
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
    setTimeout(() => {
      if (r.firstFrameAt === null) finish();
    }, o.firstFrameTimeoutMs);
    startPlayer(o, video, r.playerEvents);
  });
}

/**
 * Time to first frame: the player is started now; resolves at its first presented frame (or the timeout), then
 * stops it and removes its video, so the next try starts in the same page as a console's next tile would.
 */
export function firstFrame(o: TtffPageOptions): Promise<TtffPageResult> {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  document.body.appendChild(video);
  const errors: string[] = [];
  watchHls((d) => errors.push(d.details + (d.fatal ? ':fatal' : '')));
  const t0 = performance.now();
  const playlistMs = (): number | null => {
    // This try's own request: a stopped player's aborted request may still be recorded after the previous try.
    const e = performance.getEntriesByType('resource').find((r) => r.name.includes('index.m3u8') && r.startTime >= t0) as PerformanceResourceTiming | undefined;
    return e ? e.responseEnd - t0 : null;
  };
  return new Promise((resolve) => {
    const playerEvents: string[] = [];
    let finished = false;
    const done = (ms: number | null) => {
      if (finished) return;
      finished = true;
      const result = { ms, playlistMs: playlistMs(), errors: [...errors, ...playerEvents.filter((e) => e !== 'connect')] };
      stop();
      video.remove();
      performance.clearResourceTimings();
      resolve(result);
    };
    video.requestVideoFrameCallback(() => done(performance.now() - t0));
    setTimeout(() => done(null), o.timeoutMs);
    const stop = startPlayer(o, video, playerEvents);
  });
}
