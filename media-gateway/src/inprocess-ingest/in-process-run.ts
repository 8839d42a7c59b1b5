// The life cycle both in-process runs share (RTSP pull, RTMP push): stop/abort, one exit report after the source is
// released, and the frames the muxer still holds delivered before an unrequested end (they belong to this run).
import { Fmp4MuxError, type Fmp4Muxer, type MuxOutput } from '../fmp4-mux';
import { scrubSecrets, type IngestFailure } from '../ingest/ffmpeg-errors';
import type { IngestExit, IngestRun } from '../ingest/ingest-run';

export interface RunSink {
  onData(chunk: Buffer): void;
  onExit(exit: IngestExit): void;
  /** Removed from every exit detail. */
  secrets?: string[];
}

export abstract class InProcessRun implements IngestRun {
  readonly pid = undefined;
  protected muxer: Fmp4Muxer | null = null;
  protected exited = false;
  protected stopRequested = false;
  private resolveExit!: () => void;
  private readonly exitPromise = new Promise<void>((r) => (this.resolveExit = r));

  constructor(private readonly sink: RunSink) {}

  get running(): boolean {
    return !this.exited;
  }

  stop(): Promise<void> {
    this.stopRequested = true;
    return this.abort();
  }

  abort(): Promise<void> {
    this.finish('exited', this.stopRequested ? 'stopped' : 'aborted');
    return this.exitPromise;
  }

  /** Let go of the source (socket, subscription, timers); the exit is reported once this settles. */
  protected abstract release(): Promise<void>;

  protected emit(outputs: MuxOutput[]): void {
    for (const out of outputs) {
      if (this.exited) return; // the packager refused the data and the pipeline aborted this run
      this.sink.onData(out.data);
    }
  }

  protected muxFailed(err: unknown): void {
    const message = err instanceof Fmp4MuxError ? `${err.code}: ${err.message}` : (err as Error).message;
    this.finish('invalid-data', message);
  }

  protected finish(failure: IngestFailure, detail: string, needsFfmpeg?: IngestExit['needsFfmpeg']): void {
    if (this.exited) return;
    this.exited = true;
    if (this.muxer && !needsFfmpeg && !this.stopRequested) {
      try {
        for (const out of this.muxer.flush()) this.sink.onData(out.data);
      } catch {
        // nothing more to save
      }
    }
    void this.release().finally(() => {
      this.sink.onExit({
        requested: this.stopRequested,
        failure,
        detail: scrubSecrets(detail, this.sink.secrets ?? []),
        code: 0,
        signal: null,
        ...(needsFfmpeg ? { needsFfmpeg } : {}),
      });
      this.resolveExit();
    });
  }
}
