import { spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * Another PROCESS holding the SQLite write lock (`BEGIN IMMEDIATE`) for `holdMs`, as a backup tool or a forgotten
 * `sqlite3` shell would: the gateway's busy wait is then real (a second connection in the same process would
 * deadlock on our own event loop instead). Resolves once the lock is held; `released` resolves when it is let go.
 */
export async function holdWriteLock(dataDir: string, holdMs: number): Promise<{ pid: number; released: Promise<void> }> {
  const file = join(dataDir, 'gateway.sqlite');
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(${JSON.stringify(file)});
    db.pragma('busy_timeout = 5000');
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('COMMIT'); db.close(); process.exit(0); }, ${holdMs});
  `;
  const child = spawn(process.execPath, ['-e', script], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
  const released = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
    child.once('exit', (code) => reject(new Error(`lock holder exited before locking (code ${code})`)));
  });
  return { pid: child.pid!, released };
}
