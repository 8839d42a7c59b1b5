/**
 * Who simulated camera i is as an ONVIF device: endpoint UUID, make/model/firmware/serial/MAC, scopes, and its
 * vendor quirks. Pure and deterministic by index, so tests know every device's answers without asking it.
 *
 * Quirks (i = camera index, 1-based):
 *   i % 7 === 3    clock 13 minutes fast        i % 7 === 6    clock 9 minutes slow
 *   i % 10 === 4   a third profile, 176x144 H.264 (too small to be a sub stream)
 *   i % 10 === 7   HTTP Digest only: a WS-Security UsernameToken alone gets 401 with a Digest challenge
 *   i % 8 === 5    GetStreamUri / GetSnapshotUri report host 192.0.2.10 instead of the camera's address
 *   i % 12 === 9   wrong credentials get HTTP 400 with a SOAP fault (ter:NotAuthorized), no 401 / Digest challenge
 *   i % 3 === 0    PTZ service advertised
 * Odd cameras answer in a Hikvision-like style (SOAP-ENV prefixes, Profile_1 tokens), even ones Dahua-like
 * (env prefixes, MediaProfile00000 tokens).
 */
import { createHash } from 'node:crypto';

export const SIM_WRONG_STREAM_HOST = '192.0.2.10';

export type VendorStyle = 'hik' | 'dahua';

export interface OnvifQuirks {
  /** Device clock minus real time, minutes. */
  clockOffsetMin: number;
  thirdProfile: boolean;
  digestOnly: boolean;
  wrongStreamHost: boolean;
  faultOnBadAuth: boolean;
  ptz: boolean;
}

export interface OnvifIdentity {
  index: number;
  /** `urn:uuid:…` endpoint reference. */
  uuid: string;
  style: VendorStyle;
  manufacturer: string;
  model: string;
  firmware: string;
  serial: string;
  hardwareId: string;
  mac: string;
  location: string;
  quirks: OnvifQuirks;
}

export function onvifQuirks(index: number): OnvifQuirks {
  return {
    clockOffsetMin: index % 7 === 3 ? 13 : index % 7 === 6 ? -9 : 0,
    thirdProfile: index % 10 === 4,
    digestOnly: index % 10 === 7,
    wrongStreamHost: index % 8 === 5,
    faultOnBadAuth: index % 12 === 9,
    ptz: index % 3 === 0,
  };
}

/** `urn:uuid:c0a7e5e1-51ba-4000-8000-000000000042` for camera 42: readable, and a valid UUID. */
export function simOnvifUuid(index: number): string {
  return `urn:uuid:c0a7e5e1-51ba-4000-8000-${String(index).padStart(12, '0')}`;
}

/** Locally administered unicast MAC (02:…), unique per index. */
export function simMac(index: number): string {
  const h = createHash('sha1').update(`county-video-sim/mac/${index}`).digest();
  return ['02', h[0]!.toString(16).padStart(2, '0'), '5e', ((index >> 16) & 255).toString(16).padStart(2, '0'), ((index >> 8) & 255).toString(16).padStart(2, '0'), (index & 255).toString(16).padStart(2, '0')].join(':');
}

export function simOnvifIdentity(index: number): OnvifIdentity {
  const style: VendorStyle = index % 2 === 1 ? 'hik' : 'dahua';
  const n = String(index).padStart(4, '0');
  return {
    index,
    uuid: simOnvifUuid(index),
    style,
    manufacturer: style === 'hik' ? 'SIMVISION' : 'SimHua',
    model: style === 'hik' ? 'SV-2CD2T45-SIM' : 'SH-IPC-HFW2431-SIM',
    // Numeric-looking on purpose: a parser that turns it into a number loses the trailing zero.
    firmware: style === 'hik' ? 'V5.7.10 build 230210' : '2.820.0000000.10',
    serial: style === 'hik' ? `SV-2CD2T45-SIM20230101CCWR${n}` : `8H0${n}PAZ00${n}`,
    hardwareId: style === 'hik' ? '88' : '1.00',
    mac: simMac(index),
    location: 'jiaokou',
    quirks: onvifQuirks(index),
  };
}

/** onvif:// scopes as a ProbeMatch lists them (values percent-encoded). */
export function simScopes(id: OnvifIdentity, name: string): string[] {
  const enc = encodeURIComponent;
  return [
    'onvif://www.onvif.org/type/video_encoder',
    'onvif://www.onvif.org/Profile/Streaming',
    ...(id.quirks.ptz ? ['onvif://www.onvif.org/type/ptz'] : []),
    `onvif://www.onvif.org/name/${enc(name)}`,
    `onvif://www.onvif.org/hardware/${enc(id.model)}`,
    `onvif://www.onvif.org/location/country/china`,
    `onvif://www.onvif.org/location/${enc(id.location)}`,
  ];
}
