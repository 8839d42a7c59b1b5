/** Programmatic API of the camera simulator, for tests and the demo launcher. */
export {
  startFleet,
  cameraAddress,
  UnknownCameraError,
  MAX_FLEET_CAMERAS,
  DEFAULT_RTSP_PORT,
  DEFAULT_CONTROL_PORT,
  DEFAULT_ONVIF_PORT,
  WS_DISCOVERY_PORT,
  type Fleet,
  type FleetOptions,
  type FleetStats,
  type SimCamera,
  type CameraState,
  type AddressMode,
  fleetProfiles,
} from './fleet';
export {
  profileFor,
  resolveProfile,
  UNIFORM_PROFILE,
  PROFILE_MIXES,
  type CameraProfile,
  type ProfileMix,
} from './camera-profile';
export {
  simCameraIdentity,
  simCameraId,
  simCameraName,
  simCameraPassword,
  simCameraColour,
  parseSimCameraId,
  colourDistance,
  colourMatches,
  colourHex,
  SIM_USERNAME,
  type Rgb,
  type SimCameraIdentity,
} from './camera-identity';
export { MAIN_PATH, SUB_PATH, STREAM_PATHS, type EndpointStats } from './rtsp-server';
export { PROFILE_SPECS, SIM_PROFILES, type SimProfile } from './clip';
export { defaultCacheDir } from './clip-cache';
export { decodeFrameIndex, patternBits, blockRect, PATTERN_BLOCKS } from './frame-index-pattern';
export { frameSentAt, latestSendOf, type SessionTiming } from './frame-timing';
export { onvifQuirks, simOnvifIdentity, simOnvifUuid, SIM_WRONG_STREAM_HOST, type OnvifIdentity, type OnvifQuirks } from './onvif/onvif-identity';
export { profileSpecs as onvifProfileSpecs } from './onvif/soap-replies';
export { SIM_EVENT_KINDS, type SimEventKind } from './onvif/events-service';

/** `rtsp://user:pass@host:port/path` for clients that take credentials in the URL (ffmpeg, ffprobe). */
export function withCredentials(url: string, username: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(username);
  u.password = encodeURIComponent(password);
  return u.toString();
}
