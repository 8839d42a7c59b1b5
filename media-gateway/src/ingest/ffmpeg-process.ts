import type { Clock, TimerHandle } from '../platform/clock';
import { classifyFfmpegStderr, scrubSecrets } from './ffmpeg-errors';
import type { IngestExit, IngestRun } from './ingest-run';
import type { ChildHandle, ProcessSpawner } from './process-spawner';

export type { IngestExit } from './ingest-run';

export interface IngestProcessOptions {
  ffmpegPath: string;
  args: string[];
  /** The input script (secret-input.ts) for the child's stdin. */
  stdin?: string;
  /** Added to the child's environment (the orphan tag). */
  env?: Record<string, string>;
  /** Strings that must never leave this module (camera password, URL with credentials). */
  secrets: string[];
  killGraceMs?: number;
  onData(chunk: Buffer): void;
  onExit(exit: IngestExit): void;
  onSpawn?(pid: number): void;
  onStderr?(line: string): void;
}

const STDERR_KEEP = 4096;

/** One ffmpeg child: pipes stdout to the packager, keeps a scrubbed stderr tail, stops with SIGTERM then SIGKILL. */
export class FfmpegProcess implements IngestRun {
  private readonly child: ChildHandle;
  private stderrTail = '';
  private stopRequested = false;
  private killTimer: TimerHandle | null = null;
  private exited = false;
  private readonly exitPromise: Promise<void>;

  constructor(
    private readonly opts: IngestProcessOptions,
    spawner: ProcessSpawner,
    private readonly clock: Clock,
  ) {
    this.child = spawner(opts.ffmpegPath, opts.args, { stdin: opts.stdin, env: opts.env });
    let resolveExit!: () => void;
    this.exitPromise = new Promise((r) => (resolveExit = r));
    this.child.stdout.on('data', (chunk: Buffer) => {
      if (!this.stopRequested) opts.onData(chunk);
    });
    this.child.stderr.on('data', (chunk: Buffer) => {
      const text = scrubSecrets(chunk.toString('utf8'), opts.secrets);
      this.stderrTail = (this.stderrTail + text).slice(-STDERR_KEEP);
      if (opts.onStderr) for (const line of text.split('\n')) if (line.trim()) opts.onStderr(line.trim());
    });
    const finish = (code: number | null, signal: NodeJS.Signals | null, extra = '') => {
      if (this.exited) return;
      this.exited = true;
      if (this.killTimer) this.clock.clearTimeout(this.killTimer);
      const detail = (this.stderrTail + extra).trim().split('\n').slice(-6).join('\n');
      opts.onExit({ requested: this.stopRequested, failure: classifyFfmpegStderr(detail), detail, code, signal });
      resolveExit();
    };
    this.child.onExit((code, signal) => finish(code, signal));
    this.child.onError((err) => finish(null, null, `\nspawn failed: ${scrubSecrets(err.message, opts.secrets)}`));
    if (this.child.pid !== undefined) opts.onSpawn?.(this.child.pid);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return !this.exited;
  }

  /** SIGTERM, then SIGKILL after the grace period; resolves once the child is reaped. */
  stop(): Promise<void> {
    if (this.exited) return this.exitPromise;
    this.stopRequested = true;
    return this.terminate();
  }

  /**
   * Stop for a fault (stall, unusable data): not a requested stop, so the supervisor restarts it. The same SIGTERM
   * and grace as stop(): ffmpeg gets to close its sockets (the camera frees its session) before SIGKILL.
   */
  abort(): Promise<void> {
    if (this.exited) return this.exitPromise;
    return this.terminate();
  }

  private terminate(): Promise<void> {
    if (!this.killTimer) {
      this.child.kill('SIGTERM');
      this.killTimer = this.clock.setTimeout(() => {
        if (!this.exited) this.child.kill('SIGKILL');
      }, this.opts.killGraceMs ?? 2000);
    }
    return this.exitPromise;
  }

  whenExited(): Promise<void> {
    return this.exitPromise;
  }
}
