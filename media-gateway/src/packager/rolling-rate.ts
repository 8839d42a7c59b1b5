// fps and bitrate over the last few seconds of *media* time: wall-clock rates would spike whenever ffmpeg
// delivers a backlog in a burst, and the pipeline status should describe the camera, not our pipe.

interface Entry {
  durationSec: number;
  samples: number;
  bytes: number;
}

export class RollingRate {
  private entries: Entry[] = [];

  constructor(private readonly windowSec = 5) {}

  add(durationSec: number, samples: number, bytes: number): void {
    this.entries.push({ durationSec, samples, bytes });
    // Keep just enough entries to cover the window (a few dozen at most, so sums are recomputed, never drift).
    while (this.entries.length > 1 && this.total('durationSec') - (this.entries[0]?.durationSec ?? 0) >= this.windowSec) {
      this.entries.shift();
    }
  }

  reset(): void {
    this.entries = [];
  }

  /** Frames per second, 2 decimals; null before any media. */
  get fps(): number | null {
    const d = this.total('durationSec');
    return d > 0 ? Math.round((this.total('samples') / d) * 100) / 100 : null;
  }

  /** Bits per second, whole; null before any media. */
  get bitrateBps(): number | null {
    const d = this.total('durationSec');
    return d > 0 ? Math.round((this.total('bytes') * 8) / d) : null;
  }

  private total(key: keyof Entry): number {
    let sum = 0;
    for (const e of this.entries) sum += e[key];
    return sum;
  }
}
