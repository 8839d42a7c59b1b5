import { defineConfig } from 'vitest/config';

// Three tiers: unit tests sit next to the code; integration and browser tests use the real simulator, ffmpeg, SQLite
// files and Chromium. On these 2-core machines vitest's default is one worker and a fresh module graph per file, which
// spent more time starting workers and importing than testing (measured: unit 105 s → 21 s, integration 431 s → 368 s,
// browser 195 s → 156 s as below). So every tier reuses its workers' module cache (isolate: false: test files keep no
// module-level state; each starts its own gateway, simulator and browser), and:
// - unit: two workers;
// - integration, then browser: one file at a time each, in separate groups, so a Chromium wall never competes with an
//   ffmpeg-heavy integration file for the two cores.
export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{contracts,camera-config,media-gateway,electron,scripts}/**/*.test.ts', 'renderer/src/**/*.test.{ts,tsx}'],
          exclude: ['**/node_modules/**'],
          testTimeout: 20_000,
          isolate: false,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          fileParallelism: false,
          isolate: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/e2e/**/*.test.ts', 'tests/electron/**/*.test.ts'],
          fileParallelism: false,
          isolate: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
