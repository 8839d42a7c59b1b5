import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The Electron binary, or null when `npm ci` ran with ELECTRON_SKIP_BINARY_DOWNLOAD=1: the package is installed, but
 * `node_modules/electron/path.txt` (written by its postinstall) and the file it names under `dist/` are not.
 * Deliberately not `require('electron')`, which throws in that case.
 */
export function electronBinaryPath(root = ROOT): string | null {
  const pkg = join(root, 'node_modules', 'electron');
  const pathTxt = join(pkg, 'path.txt');
  if (!existsSync(pathTxt)) return null;
  const binary = join(pkg, 'dist', readFileSync(pathTxt, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}
