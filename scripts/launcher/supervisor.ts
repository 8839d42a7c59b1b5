import type { ChildProcess } from 'node:child_process';
import { backoffDelay, type BackoffOptions } from '../../media-gateway/src/platform/backoff';

/** The message a supervised child sends once it is up; a child that dies before sending it is not restarted. */
export const READY_MESSAGE = 'supervised:ready';

export interface SupervisorOptions {
  /** Starts the child with an IPC channel (stdio 'ipc'), so it can report ready and notice our death. */
  spawn: () => ChildProcess;
  backoff?: BackoffOptions;
  /** A child that ran this long before it crashed starts the backoff over. */
  stableAfterMs?: number;
  write?: (text: string) => void;
  now?: () => number;
}

/**
 * Keeps the product running on a machine nobody watches: a child that crashes after it came up (an uncaught
 * exception, OOM kill, SIGKILL) is started again after a backoff (1 s, 2 s, … 30 s; reset after a minute up).
 * A child that fails before it is ready (bad flags, port taken, ffmpeg missing) is not retried: its exit code is ours.
 * SIGINT/SIGTERM/SIGHUP go to the child and end supervision; a clean exit (code 0) ends it too.
 */
export class Supervisor {
  private child: ChildProcess | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private attempt = 0;
  private stopping = false;
  restarts = 0;

  constructor(private readonly o: SupervisorOptions) {}

  /** Resolves with the exit code the supervisor should end with. */
  run(): Promise<number> {
    return new Promise((resolve) => {
      const write = this.o.write ?? ((t: string) => process.stderr.write(t));
      const now = this.o.now ?? Date.now;
      const launch = () => {
        this.restartTimer = null;
        const startedAt = now();
        let ready = false;
        const child = (this.child = this.o.spawn());
        child.on('message', (m) => {
          if (m === READY_MESSAGE) ready = true;
        });
        child.once('exit', (code, signal) => {
          this.child = null;
          if (this.stopping) return resolve(code ?? 0);
          if (code === 0) return resolve(0);
          if (!ready) return resolve(code ?? 1);
          if (now() - startedAt >= (this.o.stableAfterMs ?? 60_000)) this.attempt = 0;
          const delay = backoffDelay(this.attempt++, this.o.backoff ?? { initialMs: 1000, maxMs: 30_000 });
          this.restarts++;
          write(`gateway exited (${signal ?? `code ${code}`}); restarting in ${(delay / 1000).toFixed(1)} s (restart ${this.restarts})\n`);
          this.restartTimer = setTimeout(launch, delay);
        });
      };
      this.stopNow = () => {
        this.stopping = true;
        if (this.restartTimer) {
          clearTimeout(this.restartTimer);
          this.restartTimer = null;
          resolve(0);
        }
      };
      launch();
    });
  }

  /** Forwards a signal to the child and ends supervision (the child's exit code becomes ours). */
  stop(signal: NodeJS.Signals = 'SIGTERM'): void {
    this.stopNow();
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
  }

  private stopNow: () => void = () => {
    this.stopping = true;
  };
}
