import type { ChildProcess } from 'node:child_process';

/** A graceful shutdown that has not finished by then is cut short. */
const SHUTDOWN_DEADLINE_MS = 10_000;

/**
 * The children of `npm start` (simulated fleet, Electron) go when it goes, whichever way it goes: a clean end or
 * process.exit() ('exit': synchronous, so only a signal to each child), SIGINT/SIGTERM/SIGHUP, an uncaught
 * exception or unhandled rejection (the gateway runs in this process, so this is a gateway crash). SIGKILL
 * cannot be caught: for that the children watch their IPC channel to us (scripts/sim/parent-watch.ts).
 */
export class ChildReaper {
  private readonly children = new Set<ChildProcess>();
  private stopping = false;

  add<T extends ChildProcess>(child: T): T {
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
    return child;
  }

  killAll(signal: NodeJS.Signals = 'SIGTERM'): void {
    for (const child of this.children) if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  }

  /** `shutdown` closes what this process owns (the gateway); the children are signalled before it runs. */
  installExitHooks(shutdown: () => Promise<void>, write: (text: string) => void = (t) => process.stderr.write(t), tolerate: (err: unknown) => boolean = () => false): void {
    process.on('exit', () => this.killAll('SIGTERM'));
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => this.stop(shutdown, 0));
    const crash = (err: unknown) => {
      if (tolerate(err)) return void write(`warning: ${(err as Error)?.message ?? String(err)} (continuing)\n`);
      write(`fatal: ${(err as Error)?.stack ?? String(err)}\n`);
      this.stop(shutdown, 1);
    };
    process.on('uncaughtException', crash);
    process.on('unhandledRejection', crash);
  }

  private stop(shutdown: () => Promise<void>, code: number): void {
    if (this.stopping) {
      // Asked twice (a second Ctrl+C, or a crash while closing): go now.
      this.killAll('SIGKILL');
      process.exit(code || 130);
    }
    this.stopping = true;
    this.killAll('SIGTERM');
    setTimeout(() => {
      this.killAll('SIGKILL');
      process.exit(code || 1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    shutdown().then(
      () => process.exit(code),
      () => process.exit(code || 1),
    );
  }
}
