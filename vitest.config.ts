import { defineConfig } from 'vitest/config';

// Three tiers: unit tests sit next to the code; integration and browser tests use the real simulator, ffmpeg, SQLite
// files and Chromium. On these 2-core machines vitest's default is one worker and a fresh module graph per file, which
// spent more time starting workers and importing than testing (measured: unit 105 s → 21 s, integration 431 s → 368 s,
// browser 195 s → 156 s as below). So every tier reuses its workers' module cache (isolate: false: test files keep no
// module-level state; each starts its own gateway, simulator and browser), and:
// - unit: two workers;
// - integration-serial, then integration, then browser, in separate groups, so a Chromium wall never competes with an
//   ffmpeg-heavy integration file for the two cores: browser files one at a time, integration files as below.
// Integration files that keep a core busy on their own (live GStreamer x264/x265 or ffmpeg test-pattern encodes,
// clip encodes into a fresh cache, child gateways or launchers started through tsx, a 50-camera fleet) or that tell
// faults apart by short timers (stream-fault-classes): one at a time. Every other integration file mostly waits
// (on sockets, real-time video, TTLs, debounce windows), so two of them run side by side: each has its own gateway,
// data dir, simulated fleet on ephemeral ports, and ffmpeg user-agent tag (the orphan sweep only touches its own).
const serialIntegration = [
  'tests/integration/sim.test.ts',
  'tests/integration/h265-delivery.test.ts',
  'tests/integration/rtsp-transport.test.ts',
  'tests/integration/stream-audio.test.ts',
  'tests/integration/rtmp-push.test.ts',
  'tests/integration/start-children.test.ts',
  'tests/integration/orphan-cleanup.test.ts',
  'tests/integration/discovery.test.ts',
  'tests/integration/stream-fault-classes.test.ts',
  // seven cameras at once, then seven ffmpeg children
  'tests/integration/ingest-paths.test.ts',
];

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
          name: 'integration-serial',
          include: serialIntegration,
          fileParallelism: false,
          isolate: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          exclude: ['**/node_modules/**', ...serialIntegration],
          maxWorkers: 2,
          isolate: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          sequence: { groupOrder: 2 },
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
          sequence: { groupOrder: 3 },
        },
      },
    ],
  },
});
