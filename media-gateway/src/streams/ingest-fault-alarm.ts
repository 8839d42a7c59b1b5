import type { StreamProfile } from '../../../contracts/src/camera';
import { PROCESS_DEATHS_REPORTED_AFTER } from './pipeline';

/** Where the episode goes (the gateway's `ingest-fault` alarm). */
export interface IngestFaultSink {
  raise(detail: string, at: number): void;
  resolve(note: string): void;
}

/**
 * ffmpeg children dying again and again for reasons of their own (killed, crashed, out of memory, a broken binary)
 * are a fault of the gateway, not of a camera: one `ingest-fault` alarm per episode, raised when a pipeline's
 * children have died PROCESS_DEATHS_REPORTED_AFTER times in a row, resolved once a pipeline delivers video again and
 * none is still in that state (raising while one is open only counts). A pipeline stopped while failing (its viewers left) leaves the episode open: nothing
 * has shown that ingest works again.
 */
export class IngestFaultAlarm {
  /** Pipelines (camera/profile) whose children keep dying, with their deaths in a row. */
  private readonly failing = new Map<string, number>();
  /** Unknown at start: an episode may have been open when the gateway last stopped (the first video resolves it). */
  private episode: 'unknown' | 'open' | 'closed' = 'unknown';

  constructor(
    private readonly sink: IngestFaultSink,
    private readonly now: () => number,
    private readonly threshold = PROCESS_DEATHS_REPORTED_AFTER,
  ) {}

  died(cameraId: string, profile: StreamProfile, inARow: number): void {
    if (inARow < this.threshold) return;
    this.failing.set(`${cameraId}/${profile}`, inARow);
    if (this.episode === 'open') return;
    this.episode = 'open';
    this.sink.raise(`ffmpeg died ${inARow} times in a row on ${cameraId}/${profile} without the camera at fault (killed or crashed); live view is interrupted`, this.now());
  }

  /** A pipeline delivers video. */
  live(cameraId: string, profile: StreamProfile): void {
    this.failing.delete(`${cameraId}/${profile}`);
    if (this.episode === 'closed' || this.failing.size > 0) return;
    this.episode = 'closed';
    this.sink.resolve(`ingest runs again (${cameraId}/${profile} live)`);
  }

  /** A pipeline stopped (idle, camera changed or deleted): it no longer keeps the episode going. */
  removed(cameraId: string, profile: StreamProfile): void {
    this.failing.delete(`${cameraId}/${profile}`);
  }
}
