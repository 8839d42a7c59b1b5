// One camera's recording player: asks the gateway for the VOD window containing the wall-clock instant wanted, runs
// hls.js on it, and maps the video's position to wall-clock time through the segments' PROGRAM-DATE-TIME. It says
// what it shows as a VodState; the page's synchroniser decides where it should be.
import Hls, { ErrorTypes, Events } from 'hls.js';
import { mapUrl, vodHlsConfig } from '../player';
import type { PlaybackApi, PlaybackProfile } from './playback-api';
import { mediaAt, nextRecordedWall, wallAt, type PdtSegment } from './wall-clock';
import type { SyncedPlayer } from './playback-sync';
import { needsNewWindow, windowFor, type PlaybackWindow } from './playback-window';

export type VodState = 'idle' | 'loading' | 'ready' | 'no-recording' | 'error';

export interface VodPlayerOptions {
  video: HTMLVideoElement;
  cameraId: string;
  profile: PlaybackProfile;
  api: PlaybackApi;
  onState: (state: VodState) => void;
  now?: () => number;
}

/** A playlist made before its window ended may have grown since (the camera records on): read it again after this. */
const RELOAD_GROWN_AFTER_MS = 3000;
/** This close to the playlist's last instant counts as its end. */
const END_SLACK_MS = 300;
/** A window that failed to load is asked for again at a seek no sooner than this. */
const RETRY_AFTER_ERROR_MS = 3000;

export class VodPlayer implements SyncedPlayer {
  private hls: Hls | null = null;
  private window: PlaybackWindow | null = null;
  private loadedAt = 0;
  private segments: PdtSegment[] = [];
  /** Where to go once the playlist is read, and whether to play there. */
  private pending: { wallMs: number; play: boolean } | null = null;
  private seq = 0;
  private loading = false;
  private failedAt = 0;
  /** The window holds no recording (the gateway answered 404). */
  private empty = false;
  private state: VodState = 'idle';
  private rate = 1;
  private readonly now: () => number;

  constructor(private readonly o: VodPlayerOptions) {
    this.now = o.now ?? Date.now;
    o.video.muted = true;
  }

  get currentState(): VodState {
    return this.state;
  }

  /** The wall-clock instant on screen, or null without a picture. */
  wallTime(): number | null {
    if (this.state !== 'ready') return null;
    return wallAt(this.segments, this.o.video.currentTime);
  }

  isPlaying(): boolean {
    const v = this.o.video;
    return this.state === 'ready' && !v.paused && !v.ended && v.readyState >= 3;
  }

  /** Show the picture of `wallMs` (loading another window when needed) and play on from there or stay paused. */
  seekTo(wallMs: number, play: boolean): void {
    if (this.state === 'error' && this.now() - this.failedAt < RETRY_AFTER_ERROR_MS) return;
    if (needsNewWindow(this.window, wallMs) || this.mayHaveGrown(wallMs)) {
      this.load(windowFor(wallMs), { wallMs, play });
    } else if (this.loading) {
      this.pending = { wallMs, play };
    } else if (this.empty) {
      this.setState('no-recording');
    } else {
      this.goTo(wallMs, play);
    }
  }

  /** The window was read before it ended and the instant lies past what it listed: the camera may have recorded it since. */
  private mayHaveGrown(wallMs: number): boolean {
    if (!this.window || this.loading || this.loadedAt >= this.window.toMs || this.now() - this.loadedAt < RELOAD_GROWN_AFTER_MS) return false;
    return this.empty || wallMs >= lastWall(this.segments) - END_SLACK_MS;
  }

  nextRecorded(wallMs: number): number | null {
    return this.loading || this.empty ? null : nextRecordedWall(this.segments, wallMs);
  }

  /** At the end of what the playlist lists (a window still recording has more by now). */
  atEnd(): boolean {
    const wall = this.wallTime();
    return this.o.video.ended || (wall !== null && wall >= lastWall(this.segments) - END_SLACK_MS);
  }

  play(): void {
    if (this.state === 'ready') this.o.video.play().catch(() => undefined);
  }

  pause(): void {
    this.o.video.pause();
  }

  setRate(rate: number): void {
    this.rate = rate;
    this.o.video.playbackRate = rate;
  }

  playbackRate(): number {
    return this.o.video.playbackRate;
  }

  /** A little faster or slower than the chosen speed for a while, to catch up with the other cameras. */
  nudgeRate(rate: number): void {
    this.o.video.playbackRate = rate;
  }

  /** Pause and move by `seconds` (one frame: 1/25 s). */
  step(seconds: number): void {
    const v = this.o.video;
    v.pause();
    if (this.state === 'ready') v.currentTime = Math.max(0, v.currentTime + seconds);
  }

  dispose(): void {
    this.seq++;
    this.teardown();
  }

  private setState(state: VodState): void {
    if (state === this.state) return;
    this.state = state;
    this.o.onState(state);
  }

  private teardown(): void {
    this.hls?.destroy();
    this.hls = null;
    this.segments = [];
  }

  private goTo(wallMs: number, play: boolean): void {
    const at = mediaAt(this.segments, wallMs);
    const v = this.o.video;
    if (at === null) {
      v.pause();
      this.setState('no-recording');
      return;
    }
    this.setState('ready');
    if (Math.abs(v.currentTime - at) > 0.001) v.currentTime = at;
    v.playbackRate = this.rate;
    if (play) v.play().catch(() => undefined);
    else v.pause();
  }

  private load(win: PlaybackWindow, pending: { wallMs: number; play: boolean }): void {
    const seq = ++this.seq;
    this.teardown();
    this.window = win;
    this.loadedAt = this.now();
    this.pending = pending;
    this.loading = true;
    this.empty = false;
    this.setState('loading');
    this.o.api.playbackUrl(this.o.cameraId, win.fromMs, win.toMs, this.o.profile).then(
      (pb) => {
        if (seq !== this.seq) return;
        this.start(seq, mapUrl ? mapUrl(pb.url) : pb.url);
      },
      () => seq === this.seq && this.failed(),
    );
  }

  private failed(): void {
    // Asked again at the next seek.
    this.window = null;
    this.loading = false;
    this.failedAt = this.now();
    this.setState('error');
  }

  private start(seq: number, url: string): void {
    if (!Hls.isSupported()) return this.setState('error');
    const hls = new Hls(vodHlsConfig());
    this.hls = hls;
    hls.on(Events.LEVEL_LOADED, (_e, data) => {
      if (seq !== this.seq) return;
      this.segments = data.details.fragments.map((f) => ({ start: f.start, duration: f.duration, programDateTime: f.programDateTime }));
      const p = this.pending ?? { wallMs: this.segments[0]?.programDateTime ?? 0, play: false };
      this.pending = null;
      this.loading = false;
      const at = mediaAt(this.segments, p.wallMs);
      hls.startLoad(at ?? 0);
      this.goTo(p.wallMs, p.play);
    });
    hls.on(Events.ERROR, (_e, data) => {
      if (seq !== this.seq || !data.fatal) return;
      // 404: nothing recorded in this window (the gateway lists no segment).
      if (data.type === ErrorTypes.NETWORK_ERROR && data.response?.code === 404) {
        this.teardown();
        this.loading = false;
        this.empty = true;
        this.pending = null;
        this.setState('no-recording');
        return;
      }
      if (data.type === ErrorTypes.MEDIA_ERROR) return hls.recoverMediaError();
      this.teardown();
      this.failed();
    });
    hls.attachMedia(this.o.video);
    hls.loadSource(url);
  }
}

const lastWall = (segments: readonly PdtSegment[]): number => {
  const s = segments[segments.length - 1];
  return s?.programDateTime != null ? s.programDateTime + s.duration * 1000 : 0;
};
