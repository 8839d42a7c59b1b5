/**
 * Typed extractors, one per ONVIF response discovery reads. Each takes the Body element `readSoapReply` returned,
 * checks it is the expected response, and returns plain values (strings trimmed and length-capped, numbers checked).
 * Pure; tested on vendor-style replies in tests/fixtures/onvif/.
 */
import { NS } from './onvif-soap';
import { XmlRejected, attr, child, children, intOrNull, numberOrNull, path, text, type XmlNode } from './safe-xml';

export type SoapBody = { name: string; node: XmlNode };

function expect(body: SoapBody, name: string): XmlNode {
  if (body.name !== name) throw new XmlRejected(`expected ${name}, got ${body.name.slice(0, 64)}`);
  return body.node;
}

const capped = (s: string | null, max = 128): string | null => (s === null ? null : s.slice(0, max));

export interface DeviceClockReading {
  /** The device's UTC clock, or null when it only reports local time or nonsense. */
  utc: Date | null;
}

export function extractSystemDateAndTime(body: SoapBody): DeviceClockReading {
  const sdt = child(expect(body, 'GetSystemDateAndTimeResponse'), 'SystemDateAndTime');
  const utc = child(sdt, 'UTCDateTime');
  if (utc === undefined) return { utc: null };
  const n = (...p: string[]) => intOrNull(text(path(utc, ...p)));
  const [y, mo, d, h, mi, s] = [n('Date', 'Year'), n('Date', 'Month'), n('Date', 'Day'), n('Time', 'Hour'), n('Time', 'Minute'), n('Time', 'Second')];
  if (y === null || mo === null || d === null || h === null || mi === null || s === null) return { utc: null };
  if (y < 1970 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return { utc: null };
  return { utc: new Date(Date.UTC(y, mo - 1, d, h, mi, s)) };
}

export interface DeviceInformation {
  manufacturer: string | null;
  model: string | null;
  firmwareVersion: string | null;
  serialNumber: string | null;
  hardwareId: string | null;
}

export function extractDeviceInformation(body: SoapBody): DeviceInformation {
  const r = expect(body, 'GetDeviceInformationResponse');
  return {
    manufacturer: capped(text(child(r, 'Manufacturer')), 64),
    model: capped(text(child(r, 'Model')), 64),
    firmwareVersion: capped(text(child(r, 'FirmwareVersion'))),
    serialNumber: capped(text(child(r, 'SerialNumber'))),
    hardwareId: capped(text(child(r, 'HardwareId'))),
  };
}

export interface ServiceAddresses {
  mediaXAddr: string | null;
  ptzXAddr: string | null;
}

export function extractCapabilities(body: SoapBody): ServiceAddresses {
  const caps = child(expect(body, 'GetCapabilitiesResponse'), 'Capabilities');
  return {
    mediaXAddr: capped(text(path(caps, 'Media', 'XAddr')), 512),
    ptzXAddr: capped(text(path(caps, 'PTZ', 'XAddr')), 512),
  };
}

export function extractServices(body: SoapBody): ServiceAddresses {
  const r = expect(body, 'GetServicesResponse');
  const byNs = new Map<string, string>();
  for (const s of children(r, 'Service').slice(0, 64)) {
    const ns = text(child(s, 'Namespace'));
    const xaddr = text(child(s, 'XAddr'));
    if (ns && xaddr && !byNs.has(ns)) byNs.set(ns, xaddr.slice(0, 512));
  }
  return { mediaXAddr: byNs.get(NS.media) ?? null, ptzXAddr: byNs.get(NS.ptz) ?? null };
}

/** First enabled interface's MAC, normalised to lower-case `aa:bb:cc:dd:ee:ff`. */
export function extractMacAddress(body: SoapBody): string | null {
  const r = expect(body, 'GetNetworkInterfacesResponse');
  const all = children(r, 'NetworkInterfaces').slice(0, 16);
  const enabled = all.filter((n) => text(child(n, 'Enabled')) !== 'false');
  for (const n of [...enabled, ...all]) {
    const mac = normaliseMac(text(path(n, 'Info', 'HwAddress')));
    if (mac) return mac;
  }
  return null;
}

export function normaliseMac(raw: string | null): string | null {
  if (!raw) return null;
  const hex = raw.replace(/[:-]/g, '').toLowerCase();
  if (!/^[0-9a-f]{12}$/.test(hex) || /^0{12}$/.test(hex)) return null;
  return hex.match(/../g)!.join(':');
}

export interface MediaProfile {
  token: string;
  name: string;
  /** null when the profile has no video encoder (audio/metadata only). */
  video: { encoding: string | null; width: number | null; height: number | null; fps: number | null; bitrateKbps: number | null } | null;
}

export function extractProfiles(body: SoapBody): MediaProfile[] {
  const r = expect(body, 'GetProfilesResponse');
  const out: MediaProfile[] = [];
  for (const p of children(r, 'Profiles').slice(0, 32)) {
    const token = capped(attr(p, 'token'), 64);
    if (!token) continue;
    const vec = child(p, 'VideoEncoderConfiguration');
    const num = (...k: string[]) => intOrNull(text(path(vec, ...k)));
    out.push({
      token,
      name: capped(text(child(p, 'Name')), 64) ?? token,
      video:
        vec === undefined
          ? null
          : {
              encoding: capped(text(child(vec, 'Encoding')), 16),
              width: num('Resolution', 'Width'),
              height: num('Resolution', 'Height'),
              fps: numberOrNull(text(path(vec, 'RateControl', 'FrameRateLimit'))),
              bitrateKbps: num('RateControl', 'BitrateLimit'),
            },
    });
  }
  return out;
}

/** GetStreamUriResponse / GetSnapshotUriResponse → MediaUri/Uri. */
export function extractMediaUri(body: SoapBody, response: 'GetStreamUriResponse' | 'GetSnapshotUriResponse'): string {
  const uri = text(path(expect(body, response), 'MediaUri', 'Uri'));
  if (!uri) throw new XmlRejected(`${response} without a Uri`);
  if (uri.length > 1024) throw new XmlRejected(`${response}: Uri longer than 1024 characters`);
  return uri;
}
