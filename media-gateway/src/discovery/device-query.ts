/**
 * Everything discovery asks one device, in order: clock (unauthenticated) → credentials, tried one by one on
 * GetDeviceInformation → service addresses (GetServices, else GetCapabilities) → MAC → profiles → stream URIs of the
 * chosen main/sub profiles → snapshot URI. A transport-level failure (timeout, oversized or malformed reply) stops
 * at once: a broken device is reported, not hammered.
 */
import type { DiscoveredDevice, DiscoveredDeviceStatus, DiscoveredProfile, DiscoveryReasonCode } from '../../../contracts/src/discovery';
import { OnvifError, type OnvifCredential, type OnvifDeviceClient } from '../onvif/onvif-device-client';
import type { MediaProfile, ServiceAddresses } from '../onvif/onvif-extractors';
import { selectProfiles } from './profile-selection';
import { pinHttpUri, pinStreamUri } from '../onvif/stream-uri-pinning';

/** What querying one device yields: the discovered-device fields that come from the device itself. */
export type DeviceDetails = Pick<
  DiscoveredDevice,
  | 'status' | 'reason' | 'reasonCode' | 'make' | 'model' | 'firmware' | 'serial' | 'hardwareId' | 'mac' | 'profiles' | 'mainProfileToken' | 'subProfileToken'
  | 'mainStreamUri' | 'subStreamUri' | 'streamUriRepinned' | 'snapshotUri' | 'ptz' | 'clockOffsetSec' | 'acceptedCredential'
>;

export function emptyDetails(): DeviceDetails {
  return {
    status: 'error',
    reason: null,
    reasonCode: null,
    make: null,
    model: null,
    firmware: null,
    serial: null,
    hardwareId: null,
    mac: null,
    profiles: [],
    mainProfileToken: null,
    subProfileToken: null,
    mainStreamUri: null,
    subStreamUri: null,
    streamUriRepinned: false,
    snapshotUri: null,
    // Unknown until the device's services were read (a device that refuses the credentials never tells).
    ptz: null,
    clockOffsetSec: null,
    acceptedCredential: null,
  };
}

/** Failures that say the device is broken or hostile rather than unwilling: stop talking to it. */
const fatal = (e: OnvifError): boolean => ['timeout', 'too-large', 'malformed', 'network', 'aborted', 'http'].includes(e.kind);

const toDto = (p: MediaProfile): DiscoveredProfile => ({
  name: p.name,
  token: p.token,
  codec: p.video?.encoding ?? null,
  width: p.video?.width ?? null,
  height: p.video?.height ?? null,
  fps: p.video?.fps ?? null,
});

export interface DeviceQueryInput {
  /** The address that answered the Probe; every URI is pinned to it. */
  address: string;
  /** Candidate credentials in the order to try, each with its index in the scan request; empty = try without. */
  credentials: readonly IndexedCredential[];
}

export interface IndexedCredential extends OnvifCredential {
  index: number;
}

export async function queryDevice(client: OnvifDeviceClient, input: DeviceQueryInput): Promise<DeviceDetails> {
  const d = emptyDetails();
  const fail = (status: DiscoveredDeviceStatus, reasonCode: DiscoveryReasonCode, reason: string): DeviceDetails => Object.assign(d, { status, reasonCode, reason: reason.slice(0, 300) });
  try {
    // 1. Clock: needed before any UsernameToken (ONVIF answers it before login). Devices that want auth even here
    //    leave it null (unknown).
    try {
      const offset = await client.measureClock();
      d.clockOffsetSec = offset === null ? null : Math.round(offset / 1000) || 0;
    } catch (err) {
      if (!(err instanceof OnvifError) || fatal(err)) throw err;
    }

    // 2. Credentials, first accepted wins.
    const candidates: Array<IndexedCredential | null> = input.credentials.length ? [...input.credentials] : [null];
    let accepted = false;
    for (const cred of candidates) {
      client.useCredential(cred ? { username: cred.username, password: cred.password } : null);
      try {
        const info = await client.deviceInformation();
        Object.assign(d, { make: info.manufacturer, model: info.model, firmware: info.firmwareVersion, serial: info.serialNumber, hardwareId: info.hardwareId });
        accepted = true;
        d.acceptedCredential = cred?.index ?? null;
        break;
      } catch (err) {
        if (err instanceof OnvifError && err.kind === 'auth') continue;
        throw err;
      }
    }
    if (!accepted) {
      return fail(
        'auth-required',
        input.credentials.length ? 'credentials-rejected' : 'no-credentials',
        input.credentials.length
          ? `none of the ${input.credentials.length} credential(s) tried was accepted`
          : 'the device wants credentials and the scan gave none for its address',
      );
    }

    // 3. Where the media (and PTZ) services are.
    let services: ServiceAddresses;
    try {
      services = await client.services();
    } catch (err) {
      if (err instanceof OnvifError && fatal(err) && err.kind !== 'http' && err.kind !== 'malformed') throw err;
      services = await client.capabilities();
    }
    d.ptz = services.ptzXAddr !== null;
    if (!services.mediaXAddr) return fail('error', 'no-media-service', 'the device reports no media service');
    const media = pinHttpUri(services.mediaXAddr, input.address);
    if (!media.ok) return fail('error', 'bad-media-address', `media service address: ${media.reason}`);

    // 4. MAC (nice to have).
    try {
      d.mac = await client.macAddress();
    } catch (err) {
      if (err instanceof OnvifError && fatal(err)) throw err;
    }

    // 5. Profiles and the main/sub choice.
    const profiles = await client.profiles(media.uri);
    d.profiles = profiles.map(toDto);
    const { main, sub } = selectProfiles(profiles);
    if (!main) return fail('error', 'no-video-profile', 'the device has no video profile');
    d.mainProfileToken = main.token;
    d.subProfileToken = sub?.token ?? null;

    // 6. Stream URIs, pinned to the address that answered.
    for (const [which, profile] of [['main', main], ['sub', sub]] as const) {
      if (!profile) continue;
      const pinned = pinStreamUri(await client.streamUri(media.uri, profile.token), input.address);
      if (!pinned.ok) return fail('error', 'bad-stream-uri', `${which} stream URI: ${pinned.reason}`);
      if (which === 'main') d.mainStreamUri = pinned.uri;
      else d.subStreamUri = pinned.uri;
      d.streamUriRepinned ||= pinned.repinned;
    }

    // 7. Snapshot URI (nice to have).
    try {
      const snap = pinHttpUri(await client.snapshotUri(media.uri, main.token), input.address);
      if (snap.ok) d.snapshotUri = snap.uri;
    } catch (err) {
      if (err instanceof OnvifError && fatal(err)) throw err;
    }
    return Object.assign(d, { status: 'ok' as const, reason: null, reasonCode: null });
  } catch (err) {
    if (err instanceof OnvifError) return fail(err.kind === 'auth' ? 'auth-required' : 'error', `onvif-${err.kind}`, err.message);
    return fail('error', 'unexpected', `unexpected: ${(err as Error).message}`);
  }
}
