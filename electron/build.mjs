// Builds the desktop shell with esbuild (installed as a vite dependency): `node electron/build.mjs [--watch]`.
//   electron/src/main/main.ts       → electron/dist/main.js        (ESM, Node, electron external)
//   electron/src/preload/preload.ts → electron/dist/preload.cjs    (CommonJS: sandboxed preloads cannot be ESM)
//   electron/setup-page/*           → electron/dist/setup/         (local first-start page: html, css, bundled js)
// electron-builder.yml packs electron/dist/** with main = electron/dist/main.js.
import { build, context } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'info',
  external: ['electron'],
};

const targets = [
  { ...common, entryPoints: [join(here, 'src/main/main.ts')], outfile: join(dist, 'main.js'), platform: 'node', format: 'esm', target: 'node22' },
  { ...common, entryPoints: [join(here, 'src/preload/preload.ts')], outfile: join(dist, 'preload.cjs'), platform: 'node', format: 'cjs', target: 'node22' },
  { ...common, entryPoints: [join(here, 'setup-page/setup-page.ts')], outfile: join(dist, 'setup/setup.js'), platform: 'browser', format: 'iife', target: 'chrome130', external: [] },
];

rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'setup'), { recursive: true });
for (const file of ['setup.html', 'setup.css']) copyFileSync(join(here, 'setup-page', file), join(dist, 'setup', file));

if (watch) {
  for (const options of targets) await (await context(options)).watch();
} else {
  await Promise.all(targets.map((options) => build(options)));
}
