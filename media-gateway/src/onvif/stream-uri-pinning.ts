/**
 * Devices behind NAT, with a stale network config or a vendor bug report URIs on a host that is not the one that
 * answered (192.0.2.10, 0.0.0.0, a hostname). Discovery only ever talks to the address that answered the Probe, so
 * every URI a device reports is re-pinned to that address (port, path and query kept) and stripped of credentials.
 * Stream URIs must come out as rtsp/rtsps and pass contracts' checkStreamUrl (they become ffmpeg input later).
 */
import { checkStreamUrl } from '../../../contracts/src/stream-url';

export type PinResult = { ok: true; uri: string; repinned: boolean } | { ok: false; reason: string };

const RTSP = ['rtsp:', 'rtsps:'];
const HTTP = ['http:', 'https:'];

function pin(raw: string, deviceAddress: string, protocols: readonly string[]): PinResult {
  if (raw.length > 1024) return { ok: false, reason: 'URI longer than 1024 characters' };
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: 'not a valid URI' };
  }
  if (!protocols.includes(url.protocol)) return { ok: false, reason: `protocol ${url.protocol} not accepted (${protocols.join(', ')})` };
  url.username = '';
  url.password = '';
  url.hash = '';
  const repinned = url.hostname.toLowerCase() !== deviceAddress.toLowerCase();
  if (repinned) url.hostname = deviceAddress;
  return { ok: true, uri: url.toString(), repinned };
}

/** An RTSP stream URI pinned to the device address and validated as a camera stream URL. */
export function pinStreamUri(raw: string, deviceAddress: string): PinResult {
  const r = pin(raw, deviceAddress, RTSP);
  if (!r.ok) return r;
  const check = checkStreamUrl(r.uri);
  return check.ok ? r : { ok: false, reason: `stream URI ${check.reason}` };
}

/** An HTTP(S) service or snapshot URI pinned to the device address. */
export function pinHttpUri(raw: string, deviceAddress: string): PinResult {
  return pin(raw, deviceAddress, HTTP);
}
