// Layer rules live here, keyed on folder names, so the architecture is enforced rather than hoped for.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'child_process', 'net', 'http', 'http2', 'https', 'os', 'crypto', 'dgram', 'stream', 'events', 'url', 'util', 'zlib', 'tls', 'worker_threads'];

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
    files: ['contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeBuiltins, message: 'contracts/ must not import Node built-ins' },
          { group: ['electron', 'react', 'react-dom', 'leaflet', 'hls.js', 'fastify', 'better-sqlite3', 'pino'], message: 'contracts/ must stay runtime-agnostic' },
          { group: ['**/media-gateway/**', '**/renderer/**', '**/electron/**', '**/scripts/**'], message: 'contracts/ imports nothing from the app layers' },
        ],
      }],
    },
  },
  {
    // The renderer runs sandboxed in a browser or Electron: it talks to the gateway over HTTP/WS only.
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeBuiltins, message: 'renderer/ must not import Node built-ins' },
          { group: ['electron', 'better-sqlite3', 'fastify', 'pino'], message: 'renderer/ must not import Node or Electron modules' },
          { group: ['**/media-gateway/**', '**/electron/**', '**/scripts/**'], message: 'renderer/ talks to the gateway over HTTP, never imports it' },
        ],
      }],
    },
  },
  {
    // The gateway is a server: it never imports UI or Electron code.
    files: ['media-gateway/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'react', 'react-dom', 'leaflet', 'hls.js'], message: 'media-gateway/ is a headless service' },
          { group: ['**/renderer/**', '**/electron/**'], message: 'media-gateway/ must not import UI layers' },
        ],
      }],
    },
  },
  {
    // Only the Electron main process may require electron; raw ipc lives only in the typed IPC helpers.
    files: ['camera-config/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['electron', 'react', '**/renderer/**', '**/electron/**', '**/media-gateway/**'], message: 'camera-config/ is data and schemas only' }],
      }],
    },
  },
);
