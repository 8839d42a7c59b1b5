/**
 * `npm run setup` step: encode the clips of the fleet `npm start` runs (the first N cameras, realistic mix) into
 * the disk cache, so the first health sweep finds cameras that answer at once instead of timing out behind ffmpeg
 * (a cold cache made 849 of 880 demo cameras look offline for ten minutes). Usage: prewarm.ts [N] (default 8).
 */
import { ClipCache } from './clip-cache';
import { fleetProfiles, MAX_FLEET_CAMERAS } from './fleet';

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 8);
  if (!Number.isInteger(n) || n < 1 || n > MAX_FLEET_CAMERAS) throw new Error(`cameras: a whole number 1..${MAX_FLEET_CAMERAS} (got "${process.argv[2]}")`);
  // The same profiles as the fleet `npm start` spawns (the CLI's realistic mix), so the cached file names match.
  const profiles = fleetProfiles(n, 'realistic');
  const clips = new ClipCache({ profileOf: (i) => profiles[i - 1]!, log: (m) => console.log(m) });
  const t0 = performance.now();
  await clips.prewarm(Array.from({ length: n }, (_, i) => i + 1));
  console.log(`setup: clips of ${n} simulated cameras ready in ${clips.stats().cacheDir} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}

main().catch((err: unknown) => {
  console.error(`setup: prewarming the simulator's clips failed: ${(err as Error).message}`);
  process.exitCode = 1;
});
