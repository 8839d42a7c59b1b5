/**
 * One camera's PTZ service, through OnvifDeviceClient (UsernameToken stamped on the device clock, Digest when
 * the device asks for it, safe parsing, a deadline and a size cap per request). On first use it measures the device
 * clock, finds the PTZ and media services (GetServices, else GetCapabilities; XAddrs re-pinned to the camera's
 * address), and picks the media profile to steer with; that is cached until a request fails for a reason that may
 * mean it went stale (network, auth, HTTP).
 */
import { NS } from './onvif-soap';
import { OnvifDeviceClient, OnvifError, asOnvifError, type OnvifCredential } from './onvif-device-client';
import type { ServiceAddresses, SoapBody } from './onvif-extractors';
import { pinHttpUri } from './stream-uri-pinning';
import type { SoapPoster } from './soap-http';
import {
  PTZ_REQUESTS,
  expectAck,
  extractPresets,
  extractPtzProfileToken,
  extractPtzStatus,
  extractSetPresetToken,
  type PtzPresetReading,
  type PtzStatusReading,
  type PtzVelocity,
} from './ptz-soap';

/** The device has no PTZ service (or no profile to steer with): the API answers 409. */
export class NoPtzError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'NoPtzError';
  }
}

export interface PtzDeviceTarget {
  /** The address the camera is registered with; every XAddr it reports is pinned to it. */
  host: string;
  deviceServiceUrl: string;
  credential: OnvifCredential | null;
}

export interface PtzDeviceOptions {
  timeoutMs: number;
  maxBytes: number;
  post?: SoapPoster;
  now?: () => number;
}

interface Session {
  ptzUrl: string;
  profileToken: string;
}

export class PtzDevice {
  private readonly client: OnvifDeviceClient;
  private session: Promise<Session> | null = null;

  constructor(
    readonly target: PtzDeviceTarget,
    o: PtzDeviceOptions,
  ) {
    this.client = new OnvifDeviceClient(target.deviceServiceUrl, { timeoutMs: o.timeoutMs, maxBytes: o.maxBytes, post: o.post, now: o.now });
    this.client.useCredential(target.credential);
  }

  /** Connect (once) and tell whether the camera can be steered; throws NoPtzError or OnvifError. */
  ready(): Promise<Session> {
    if (!this.session) {
      const s = this.connect();
      this.session = s;
      s.catch(() => {
        if (this.session === s) this.session = null;
      });
    }
    return this.session;
  }

  private async connect(): Promise<Session> {
    try {
      await this.client.measureClock();
    } catch {
      // No clock (or a device that wants auth even for that): stamp tokens on our own clock.
    }
    let services: ServiceAddresses;
    try {
      services = await this.client.services();
      if (!services.ptzXAddr || !services.mediaXAddr) services = mergeServices(services, await this.client.capabilities());
    } catch (err) {
      if (err instanceof OnvifError && err.kind === 'auth') throw err;
      services = await this.client.capabilities();
    }
    if (!services.ptzXAddr) throw new NoPtzError('the camera has no ONVIF PTZ service');
    const ptz = pinHttpUri(services.ptzXAddr, this.target.host);
    if (!ptz.ok) throw new NoPtzError(`PTZ service address rejected: ${ptz.reason}`);
    const mediaRaw = services.mediaXAddr ?? this.target.deviceServiceUrl;
    const media = pinHttpUri(mediaRaw, this.target.host);
    if (!media.ok) throw new NoPtzError(`media service address rejected: ${media.reason}`);
    const body = await this.client.call(media.uri, NS.media, 'GetProfiles', '<trt:GetProfiles/>');
    let token: string | null;
    try {
      token = extractPtzProfileToken(body);
    } catch (err) {
      throw asOnvifError(err, 'GetProfiles');
    }
    if (!token) throw new NoPtzError('the camera reports no media profile to steer with');
    return { ptzUrl: ptz.uri, profileToken: token };
  }

  async move(v: PtzVelocity, timeoutSec?: number): Promise<void> {
    await this.op('ContinuousMove', (t) => PTZ_REQUESTS.continuousMove(t, v, timeoutSec), expectAck('ContinuousMoveResponse'));
  }

  async stop(): Promise<void> {
    await this.op('Stop', (t) => PTZ_REQUESTS.stop(t), expectAck('StopResponse'));
  }

  status(): Promise<PtzStatusReading> {
    return this.op('GetStatus', (t) => PTZ_REQUESTS.getStatus(t), extractPtzStatus);
  }

  presets(): Promise<PtzPresetReading[]> {
    return this.op('GetPresets', (t) => PTZ_REQUESTS.getPresets(t), extractPresets);
  }

  setPreset(name: string): Promise<string> {
    return this.op('SetPreset', (t) => PTZ_REQUESTS.setPreset(t, name), extractSetPresetToken);
  }

  async gotoPreset(token: string): Promise<void> {
    await this.op('GotoPreset', (t) => PTZ_REQUESTS.gotoPreset(t, token), expectAck('GotoPresetResponse'));
  }

  async removePreset(token: string): Promise<void> {
    await this.op('RemovePreset', (t) => PTZ_REQUESTS.removePreset(t, token), expectAck('RemovePresetResponse'));
  }

  /**
   * One PTZ operation. An auth failure is retried once after re-measuring the device clock (a UsernameToken goes stale
   * when the camera's clock jumps); a failure that may mean the cached session is stale drops it.
   */
  private async op<T>(operation: string, body: (profileToken: string) => string, extract: (b: SoapBody) => T): Promise<T> {
    const s = await this.ready();
    const once = async (): Promise<T> => {
      const reply = await this.client.call(s.ptzUrl, NS.ptz, operation, body(s.profileToken));
      try {
        return extract(reply);
      } catch (err) {
        throw asOnvifError(err, operation);
      }
    };
    try {
      return await once();
    } catch (err) {
      if (err instanceof OnvifError && err.kind === 'auth') {
        try {
          await this.client.measureClock();
        } catch {
          // keep the old offset
        }
        return await once();
      }
      if (err instanceof OnvifError && (err.kind === 'network' || err.kind === 'http')) this.session = null;
      throw err;
    }
  }
}

function mergeServices(a: ServiceAddresses, b: ServiceAddresses): ServiceAddresses {
  return { mediaXAddr: a.mediaXAddr ?? b.mediaXAddr, ptzXAddr: a.ptzXAddr ?? b.ptzXAddr };
}
