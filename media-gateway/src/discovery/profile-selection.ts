/**
 * Which media profiles become the camera's main and sub stream:
 * - main: the highest resolution (width × height) of any video profile, whatever its codec (an H.265 main stream is
 *   normal on category-1 cameras; the gateway transcodes it when a browser cannot play it);
 * - sub: the lowest-resolution H.264 profile at least 320 pixels wide that is not the main one (grid tiles must
 *   play in the browser without a transcode; QCIF and smaller are useless on a wall).
 * Ties keep the device's order. Pure.
 */
import type { MediaProfile } from '../onvif/onvif-extractors';

export const MIN_SUB_WIDTH = 320;

export interface ProfileChoice {
  main: MediaProfile | null;
  sub: MediaProfile | null;
}

const pixels = (p: MediaProfile): number => (p.video?.width ?? 0) * (p.video?.height ?? 0);
const isH264 = (p: MediaProfile): boolean => /^h\.?264$/i.test(p.video?.encoding ?? '');

export function selectProfiles(profiles: readonly MediaProfile[]): ProfileChoice {
  const video = profiles.filter((p) => p.video !== null && pixels(p) > 0);
  let main: MediaProfile | null = null;
  for (const p of video) if (!main || pixels(p) > pixels(main)) main = p;
  let sub: MediaProfile | null = null;
  for (const p of video) {
    if (p === main || !isH264(p) || (p.video?.width ?? 0) < MIN_SUB_WIDTH) continue;
    if (!sub || pixels(p) < pixels(sub)) sub = p;
  }
  // A profile list without resolutions (some encoders omit them): take the device's first profile as main.
  if (!main && profiles.length > 0) main = profiles.find((p) => p.video !== null) ?? null;
  return { main, sub };
}
