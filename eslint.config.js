// Layer rules live here, keyed on folder names, so the architecture is enforced rather than hoped for.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'child_process', 'net', 'http', 'http2', 'https', 'os', 'crypto', 'dgram', 'stream', 'events', 'url', 'util', 'zlib', 'tls', 'worker_threads'];
// The same list as a bare-specifier regex: a gitignore-style group 'http' would also match a relative './http'
// (renderer/src/gateway/http.ts, the renderer's request function).
const nodeBuiltinSpecifier = `^(node:|(${nodeBuiltins.filter((b) => !b.includes('*')).join('|')})(/|$))`;

// contracts/ is shared by the gateway, the renderer, the Electron main process and the preload: zod and types only.
const contractsPatterns = [
  { group: nodeBuiltins, message: 'contracts/ must not import Node built-ins' },
  { group: ['**/media-gateway/**', '**/renderer/**', '**/electron/**', '**/scripts/**', '**/camera-config/**'], message: 'contracts/ imports nothing from the app layers' },
  // Packages by allowlist (electron, react, fastify, pino, … all fall here); built-ins are reported by the first rule.
  { regex: `^(?![./])(?!(zod|vitest)$)(?!node:)(?!(${nodeBuiltins.filter((b) => !b.includes('*')).join('|')})$)`, message: 'contracts/ must stay runtime-agnostic: it imports only zod (and vitest in its tests)' },
];

// What every renderer file must not import. The features block below replaces the renderer block's
// no-restricted-imports (flat config), so it spreads these in again.
const rendererPatterns = [
  { regex: nodeBuiltinSpecifier, message: 'renderer/ must not import Node built-ins' },
  { group: ['better-sqlite3', 'fastify', 'pino'], message: 'renderer/ must not import Node or Electron modules' },
  { regex: '^electron(/|$)', message: 'renderer/ must not import Node or Electron modules' },
  { group: ['**/media-gateway/**', '**/scripts/**'], message: 'renderer/ talks to the gateway over HTTP, never imports it' },
  { regex: '(^|/)electron/', message: 'renderer/ never imports electron/: the window.desktop type is contracts/src/desktop-api' },
];

// A feature reaches another feature only through that feature's index.ts (its public surface): from
// renderer/src/features/<a>/x.ts, '../<b>' is fine, '../<b>/anything' (or '../../features/<b>/anything') is not.
// Shared pieces belong in components/, gateway/, contracts/ or i18n/ instead.
const featureSurfacePattern = {
  regex: '^\\.\\./(\\.\\./features/)?(?!\\.)[^/]+/(?!index(\\.tsx?)?$)',
  message: "features import each other only through the other feature's index.ts ('../<feature>'), never its files; shared code goes to components/ or gateway/",
};

// app/ composes the features (routes, shell, dictionaries); a feature importing it would run the dependency backwards.
const featureNotAppPattern = { regex: '^\\.\\./\\.\\./app(/|$)', message: 'features never import app/ (it imports them): shared pieces go to components/ or gateway/' };

// What every gateway file must not import. A folder-specific block replaces the gateway block's
// no-restricted-imports (flat config), so it spreads these in again.
const gatewayBasePatterns = [
  { group: ['electron', 'react', 'react-dom', 'leaflet', 'hls.js'], message: 'media-gateway/ is a headless service' },
  { group: ['**/renderer/**', '**/electron/**'], message: 'media-gateway/ must not import UI layers' },
];

// Protocol libraries (go2rtc's pkg/): they import platform/, contracts/, their own folder and npm/node modules,
// never another gateway folder. GB/T 28181 (SIP/SDP/MANSCDP/PS) folders join this list when they land.
const protocolLeaves = ['onvif', 'ingest', 'packager', 'rtsp-client'];
const leafMessage = `protocol leaves (${protocolLeaves.map((l) => `${l}/`).join(', ')}) import only platform/, contracts/, their own folder and npm/node modules`;
// Imports are relative, so "outside the leaf" depends on how deep the importing file sits in it: one block per
// depth (0 = media-gateway/src/<leaf>/x.ts). From depth d, d+1 steps up leave the leaf; from there only
// platform/ or the repository's contracts/ may follow.
const protocolLeafBlocks = [0, 1, 2, 3].map((depth) => ({
  name: `gateway/protocol-leaves/depth-${depth}`,
  files: [`media-gateway/src/{${protocolLeaves.join(',')}}/${'*/'.repeat(depth)}*.ts`],
  rules: {
    'no-restricted-imports': ['error', {
      patterns: [
        ...gatewayBasePatterns,
        { group: ['fastify', '@fastify/*', 'better-sqlite3', 'node-media-server'], message: `${leafMessage}: no HTTP server, database or RTMP server here` },
        { regex: `^(\\.\\./){${depth + 1}}(?!platform/|\\.\\./\\.\\./contracts/)`, message: leafMessage },
      ],
    }],
  },
}));

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/out/**', 'renderer/public/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // Shared contracts are pure: zod and types only, nothing runtime-specific.
    name: 'contracts/pure',
    files: ['contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: contractsPatterns,
      }],
    },
  },
  {
    // The desktop IPC contract is bundled into the sandboxed preload: types and plain constants only.
    name: 'contracts/desktop-ipc-bundled',
    files: ['contracts/src/desktop-*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [...contractsPatterns, { group: ['zod'], message: 'contracts/src/desktop-* is bundled into the Electron preload: types and plain constants only (payload schemas live in electron/src/main/ipc-schemas.ts)' }],
      }],
    },
  },
  {
    // The renderer runs sandboxed in a browser or Electron: it talks to the gateway over HTTP/WS only.
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: rendererPatterns }],
    },
  },
  {
    name: 'renderer/features-public-surface',
    files: ['renderer/src/features/*/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...rendererPatterns, featureSurfacePattern, featureNotAppPattern] }] },
  },
  {
    // Tests may build the app's dictionaries (app/dictionaries.ts) to check real strings; the surface rule still holds.
    name: 'renderer/features-public-surface/tests',
    files: ['renderer/src/features/*/*.test.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...rendererPatterns, featureSurfacePattern] }] },
  },
  {
    // The layers features build on sit below them: they never import a feature or the app.
    name: 'renderer/shared-layers',
    files: ['renderer/src/{gateway,i18n,components}/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [...rendererPatterns, { regex: '^(\\.\\./)+(features|app)(/|$)', message: 'gateway/, i18n/ and components/ import no feature and not app/: app/ wires them together' }],
      }],
    },
  },
  {
    // The gateway is a server: it never imports UI or Electron code.
    files: ['media-gateway/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: gatewayBasePatterns }] },
  },
  ...protocolLeafBlocks,
  {
    // rtsp-client's tests may also start the simulator and replay fixtures (test code; the library stays a leaf).
    name: 'gateway/protocol-leaves/rtsp-client-tests',
    files: ['media-gateway/src/rtsp-client/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          ...gatewayBasePatterns,
          { regex: '^\\.\\./(?!platform/|\\.\\./\\.\\./(contracts|scripts/sim|tests/helpers)/)', message: `${leafMessage}; its tests also import scripts/sim/ and tests/helpers/` },
        ],
      }],
    },
  },
  {
    // Raw ipc lives only in the two typed IPC helpers; the shell never imports app layers.
    files: ['electron/**/*.ts'],
    ignores: ['electron/src/main/ipc-electron.ts', 'electron/src/preload/ipc-invoke.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', importNames: ['ipcMain', 'ipcRenderer'], message: 'IPC goes through handle() (electron/src/main/ipc-router.ts) and invoke() (electron/src/preload/ipc-invoke.ts) with the contract in contracts/src/desktop-ipc.ts' }],
        patterns: [{ group: ['**/renderer/**', '**/media-gateway/**', '**/scripts/**'], message: 'the shell talks to the gateway over HTTP, never imports it' }],
      }],
    },
  },
  {
    files: ['electron/**/*.test.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [{ name: 'electron', allowTypeImports: true, message: 'unit tests run in plain Node: keep Electron behind an interface (type imports are fine)' }] }] },
  },
  {
    files: ['camera-config/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['electron', 'react', '**/renderer/**', '**/electron/**', '**/media-gateway/**'], message: 'camera-config/ is data and schemas only' }],
      }],
    },
  },
);
