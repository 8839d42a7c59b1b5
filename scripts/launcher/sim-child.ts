import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { SIM_LISTENING, type SimListeningMessage } from '../sim/parent-watch';

export interface SimFleetArgs {
  cameras: number;
  /** RTSP port of every camera address (0 = ephemeral per camera). */
  port: number;
  /** Control API port (0 = ephemeral: the fleet reports the one it bound, see waitForSimListening). */
  controlPort: number;
  /** ONVIF devices on (HTTP on ephemeral ports; WS-Discovery on UDP 3702 of each address). */
  onvif: boolean;
}

/** The command line of the fleet child (kept pure so the launcher's choices are unit-testable). */
export function simFleetArgv(a: SimFleetArgs): string[] {
  return ['--cameras', String(a.cameras), '--port', String(a.port), '--control-port', String(a.controlPort), ...(a.onvif ? ['--onvif=0'] : [])];
}

/**
 * The simulated fleet as a child of the launcher, with an IPC channel it watches: when the launcher dies, even by
 * SIGKILL, the channel closes and the fleet shuts down (Node has no PR_SET_PDEATHSIG).
 */
export function spawnSimFleet(root: string, args: SimFleetArgs): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts/sim/main.ts'), ...simFleetArgv(args)], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** Resolves with the fleet's control URL once it listens; rejects when it exits first or takes longer than `timeoutMs`. */
export function waitForSimListening(sim: ChildProcess, timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const done = (): void => {
      clearTimeout(timer);
      sim.off('message', onMessage);
      sim.off('exit', onExit);
    };
    const onMessage = (msg: unknown): void => {
      const m = msg as Partial<SimListeningMessage> | null;
      if (m?.type !== SIM_LISTENING || typeof m.controlUrl !== 'string') return;
      done();
      resolve(m.controlUrl);
    };
    const onExit = (code: number | null, signal: string | null): void => {
      done();
      reject(new Error(`simulated fleet exited (${signal ?? `code ${code}`})`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`simulated fleet did not start within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    sim.on('message', onMessage);
    sim.once('exit', onExit);
    if (sim.exitCode !== null || sim.signalCode !== null) onExit(sim.exitCode, sim.signalCode);
  });
}
