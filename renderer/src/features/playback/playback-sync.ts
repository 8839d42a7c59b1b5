// Synchronised playback of up to four cameras on one wall-clock cursor. The first player actually playing leads (its
// picture's time is the cursor); the others follow it (sync-decision.ts). When none plays (no recording at the
// cursor on any camera, or all loading), the cursor runs on at the chosen speed, so playback crosses holes.
import { windowFor } from './playback-window';
import { cursorWithoutLeader, syncDecision } from './sync-decision';

/** What the synchroniser needs of a player (VodPlayer in the page, a fake in tests). */
export interface SyncedPlayer {
  readonly currentState: 'idle' | 'loading' | 'ready' | 'no-recording' | 'error';
  wallTime(): number | null;
  isPlaying(): boolean;
  /** Stopped at the end of its playlist (the next seek reads a still-recording window again). */
  atEnd(): boolean;
  /** The earliest instant at or after `wallMs` its loaded window has recorded; null when none (or still loading). */
  nextRecorded(wallMs: number): number | null;
  seekTo(wallMs: number, play: boolean): void;
  play(): void;
  pause(): void;
  setRate(rate: number): void;
  /** The rate the video plays at now (the chosen speed, nudged while catching up). */
  playbackRate(): number;
  nudgeRate(rate: number): void;
}

export const SYNC_TICK_MS = 250;

export class PlaybackSync {
  private readonly players = new Map<string, SyncedPlayer>();
  cursorMs: number | null = null;
  playing = false;
  rate = 1;
  private lastTick = 0;

  /** `now`: the tick clock; `wallNow`: real wall-clock time (the live edge), the same clock unless a test says otherwise. */
  constructor(
    private readonly now: () => number = Date.now,
    private readonly wallNow: () => number = Date.now,
  ) {}

  add(id: string, player: SyncedPlayer): void {
    this.players.set(id, player);
    player.setRate(this.rate);
    if (this.cursorMs !== null) player.seekTo(this.cursorMs, this.playing);
  }

  remove(id: string): void {
    this.players.delete(id);
  }

  /** Every player to this instant (a click on a timeline); playing goes on if it was, or starts with `play`. */
  seek(wallMs: number, play = this.playing): void {
    this.cursorMs = wallMs;
    this.playing = play;
    this.lastTick = this.now();
    for (const p of this.players.values()) p.seekTo(wallMs, play);
  }

  play(): void {
    if (this.cursorMs === null) return;
    this.playing = true;
    this.lastTick = this.now();
    for (const p of this.players.values()) {
      if (p.currentState === 'ready') p.play();
      else p.seekTo(this.cursorMs, true);
    }
  }

  pause(): void {
    this.playing = false;
    for (const p of this.players.values()) p.pause();
    this.cursorMs = this.leader()?.wallTime() ?? this.cursorMs;
  }

  setRate(rate: number): void {
    this.rate = rate;
    for (const p of this.players.values()) p.setRate(rate);
  }

  /** Frame step: everyone pauses and seeks by the same amount from the cursor. */
  step(seconds: number): void {
    const from = this.leader()?.wallTime() ?? this.cursorMs;
    if (from === null) return;
    this.seek(from + seconds * 1000, false);
  }

  /** One round of keeping in step (every SYNC_TICK_MS): moves the cursor and corrects the followers. */
  tick(): void {
    const now = this.now();
    const elapsed = now - this.lastTick;
    this.lastTick = now;
    if (!this.playing || this.cursorMs === null) return;
    const master = [...this.players.values()].find((p) => p.isPlaying());
    const masterWall = master?.wallTime() ?? null;
    const all = [...this.players.values()];
    if (master && masterWall !== null) this.cursorMs = masterWall;
    // A camera still reading its window holds the cursor (it seeks there once read).
    else if (!all.some((p) => p.currentState === 'loading')) this.cursorMs = this.withoutLeader(all, this.cursorMs, elapsed);
    for (const p of this.players.values()) {
      if (p === master || p.currentState === 'loading') continue;
      if (p.currentState !== 'ready' || p.atEnd()) {
        p.seekTo(this.cursorMs, true);
        continue;
      }
      const action = syncDecision(p.wallTime(), this.cursorMs, this.rate, p.playbackRate());
      if (action.kind === 'seek') p.seekTo(action.toMs, true);
      else if (action.kind === 'rate') p.nudgeRate(action.rate);
    }
  }

  private withoutLeader(all: SyncedPlayer[], cursor: number, elapsed: number): number {
    const next = all.map((p) => p.nextRecorded(cursor)).filter((n): n is number => n !== null);
    return cursorWithoutLeader(cursor, elapsed, this.rate, this.wallNow(), next.length > 0 ? Math.min(...next) : null, windowFor(cursor).toMs);
  }

  private leader(): SyncedPlayer | undefined {
    const all = [...this.players.values()];
    return all.find((p) => p.isPlaying()) ?? all.find((p) => p.currentState === 'ready');
  }
}
