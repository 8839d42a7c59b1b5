import { describe, expect, it } from 'vitest';
import { PlaybackSync, type SyncedPlayer } from './playback-sync';

/** A player whose picture is at `wall` and advances with the fake clock when playing. */
function fake(recorded: (ms: number) => boolean, next: (ms: number) => number | null = () => null) {
  const p = {
    currentState: 'idle' as SyncedPlayer['currentState'],
    wall: null as number | null,
    playing: false,
    rate: 1,
    seeks: [] as number[],
    wallTime: () => p.wall,
    isPlaying: () => p.playing,
    atEnd: () => false,
    nextRecorded: next,
    seekTo(ms: number, play: boolean) {
      p.seeks.push(ms);
      p.currentState = recorded(ms) ? 'ready' : 'no-recording';
      p.wall = recorded(ms) ? ms : null;
      p.playing = play && recorded(ms);
    },
    play: () => void (p.playing = p.currentState === 'ready'),
    pause: () => void (p.playing = false),
    setRate: (r: number) => void (p.rate = r),
    playbackRate: () => p.rate,
    nudgeRate: (r: number) => void (p.rate = r),
  };
  return p;
}

describe('synchronised playback on one cursor', () => {
  it('followers are seeked to the leader, nudged for small drift; a camera without recording follows the cursor', () => {
    let now = 0;
    const sync = new PlaybackSync(() => now, () => 1e12);
    const a = fake(() => true);
    const b = fake(() => true);
    const c = fake(
      (ms) => ms >= 20_000,
      (ms) => Math.max(ms, 20_000),
    );
    sync.add('a', a);
    sync.add('b', b);
    sync.add('c', c);
    sync.seek(10_000, true);
    expect([a.wall, b.wall, c.currentState]).toEqual([10_000, 10_000, 'no-recording']);

    now += 250;
    a.wall = 10_250;
    b.wall = 10_100; // 150 ms behind: faster
    sync.tick();
    expect(sync.cursorMs).toBe(10_250);
    expect(b.rate).toBeCloseTo(1.1);
    b.wall = 11_000; // 750 ms ahead: seek
    now += 250;
    a.wall = 10_500;
    sync.tick();
    expect(b.seeks.at(-1)).toBe(10_500);
    expect(c.currentState).toBe('no-recording');

    // No leader (a and b ran out of recording): the hole is skipped to where c's recording begins.
    sync.setRate(8);
    a.playing = false;
    b.playing = false;
    a.currentState = 'no-recording';
    b.currentState = 'no-recording';
    now += 5000;
    sync.tick();
    expect(sync.cursorMs).toBe(20_000);
    expect(c.currentState).toBe('ready');
    expect(c.seeks.at(-1)).toBe(20_000);
    expect(a.rate).toBe(8);
  });

  it('frame step pauses everyone one frame on', () => {
    const sync = new PlaybackSync(() => 0);
    const a = fake(() => true);
    sync.add('a', a);
    sync.seek(1000, false);
    sync.step(1 / 25);
    expect(a.seeks.at(-1)).toBe(1040);
    expect(a.playing).toBe(false);
    expect(sync.playing).toBe(false);
  });
});
