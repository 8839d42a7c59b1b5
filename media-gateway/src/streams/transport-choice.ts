import type { RtspTransport, WireTransport } from '../../../contracts/src/camera';
import type { IngestFailure } from '../ingest/ffmpeg-errors';

/**
 * Which RTSP transport a run uses. A fixed setting is used as is. `auto` goes straight to the transport that last
 * worked for the camera, else TCP (interleaved: NAT-friendly, lossless); a camera that answers 461 Unsupported
 * Transport is tried at once on the other one, and the one that delivers video is remembered.
 */
export function firstTransport(setting: RtspTransport, inUse: WireTransport | null): WireTransport {
  if (setting !== 'auto') return setting;
  return inUse ?? 'tcp';
}

export function otherTransport(t: WireTransport): WireTransport {
  return t === 'tcp' ? 'udp' : 'tcp';
}

/** After a run on `tried` failed: the transport to try at once (auto, 461, the other one not yet tried), or null. */
export function fallbackTransport(setting: RtspTransport, tried: WireTransport, failure: IngestFailure, triedThisRound: ReadonlySet<WireTransport>): WireTransport | null {
  if (setting !== 'auto' || failure !== 'unsupported-transport') return null;
  const other = otherTransport(tried);
  return triedThisRound.has(other) ? null : other;
}

/**
 * Whether a remembered transport should be forgotten after it failed (auto only): refused, or connected but nothing
 * arrived (UDP blocked by a NAT or firewall that used to let it through). The next start then tries TCP first again.
 */
export function shouldForget(setting: RtspTransport, tried: WireTransport, inUse: WireTransport | null, failure: IngestFailure): boolean {
  if (setting !== 'auto' || inUse !== tried) return false;
  return failure === 'unsupported-transport' || failure === 'not-responding' || failure === 'stalled';
}
