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

export interface SpawnExtras {
  /** Written to the child's stdin, which is then closed (secret-input.ts: the camera URL goes this way). */
  stdin?: string;
  /** Added to the gateway's own environment (the orphan tag). */
  env?: Record<string, string>;
}

export type ProcessSpawner = (command: string, args: string[], extras?: SpawnExtras) => ChildHandle;

export const nodeSpawner: ProcessSpawner = (command, args, extras = {}) => {
  // shell: false is the default; said here so nobody "simplifies" it away.
  const child = spawn(command, args, { shell: false, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true, env: { ...process.env, ...extras.env } });
  // Without a script stdin is closed at once (end of input, as /dev/null was). A child that exits (or never
  // starts) before reading it closes the pipe: EPIPE here, its exit says why.
  child.stdin.on('error', () => undefined);
  child.stdin.end(extras.stdin ?? '');
  return {
    pid: child.pid,
    stdout: child.stdout,
    stderr: child.stderr,
    kill: (signal) => child.kill(signal),
    onExit: (listener) => void child.once('exit', listener),
    onError: (listener) => void child.once('error', listener),
  };
};
