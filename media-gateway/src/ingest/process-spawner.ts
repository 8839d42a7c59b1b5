import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';

/** The one side effect of ingest, behind an interface so the supervisor's logic is unit-testable. */
export interface ChildHandle {
  readonly pid: number | undefined;
  readonly stdout: Readable;
  readonly stderr: Readable;
  kill(signal: NodeJS.Signals): boolean;
  onExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void;
  onError(listener: (err: Error) => void): void;
}

export type ProcessSpawner = (command: string, args: string[]) => ChildHandle;

export const nodeSpawner: ProcessSpawner = (command, args) => {
  // shell: false is the default; said here so nobody "simplifies" it away.
  const child = spawn(command, args, { shell: false, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
  return {
    pid: child.pid,
    stdout: child.stdout,
    stderr: child.stderr,
    kill: (signal) => child.kill(signal),
    onExit: (listener) => void child.once('exit', listener),
    onError: (listener) => void child.once('error', listener),
  };
};
