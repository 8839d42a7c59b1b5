// Main or sub stream for a tile, from the size it is drawn at. The sub stream (640×360 on typical cameras) is sharp up
// to about its own width in device pixels; past ~800 device pixels the main stream is worth its cost. Two thresholds
// (hysteresis) so a tile resized around one of them, or a window being dragged, does not switch back and forth
// (each switch restarts the player).
import type { StreamProfile } from '../../../../contracts/src/camera';

export type StreamChoice = 'auto' | StreamProfile;
export const STREAM_CHOICES: readonly StreamChoice[] = ['auto', 'main', 'sub'];

/** Switch up to main when the tile is wider than this many device pixels. */
export const MAIN_ABOVE_DEVICE_PX = 800;
/** Switch back to sub only when narrower than this (the sub stream's own width). */
export const SUB_BELOW_DEVICE_PX = 640;

/** The automatic choice for a tile `cssWidth` CSS pixels wide, given what it plays now. */
export function autoProfile(current: StreamProfile | null, cssWidth: number, devicePixelRatio: number): StreamProfile {
  const devicePx = cssWidth * (devicePixelRatio > 0 ? devicePixelRatio : 1);
  if (devicePx > MAIN_ABOVE_DEVICE_PX) return 'main';
  if (devicePx < SUB_BELOW_DEVICE_PX) return 'sub';
  return current ?? 'sub';
}

/** What the tile plays: the operator's override, else the automatic choice; never main where the role may not open it. */
export function effectiveProfile(choice: StreamChoice, auto: StreamProfile, mainAllowed: boolean): StreamProfile {
  if (!mainAllowed) return 'sub';
  return choice === 'auto' ? auto : choice;
}

/**
 * An automatic main-stream tile whose main stream the gateway refused for lack of transcode capacity (an H.265 main
 * stream on a console without HEVC decoding) plays the sub stream instead: village cameras send H.265 main + H.264
 * sub, and a picture beats a refusal. An explicit "main" choice is the operator's: it keeps saying why.
 */
export function subForCapacity(profile: StreamProfile, choice: StreamChoice, reasonCode: string | null): boolean {
  return profile === 'main' && choice === 'auto' && reasonCode === 'transcode-capacity';
}

export function isStreamChoice(value: unknown): value is StreamChoice {
  return value === 'auto' || value === 'main' || value === 'sub';
}
