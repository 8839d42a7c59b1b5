import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/**
 * The simulated fleet as a child of the launcher, with an IPC channel it watches: when the launcher dies, even by
 * SIGKILL, the channel closes and the fleet shuts down (Node has no PR_SET_PDEATHSIG).
 */
export function spawnSimFleet(root: string, cameras: number, controlPort: number): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts/sim/main.ts'), '--cameras', String(cameras), '--control-port', String(controlPort)], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}
