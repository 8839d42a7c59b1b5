import type { CameraAudioCodec, StreamProfile } from '../../../contracts/src/camera';
import { maskUrlCredentials } from '../../../contracts/src/stream-url';
import type { CameraRecord, CameraRepository } from '../db/camera-repository';
import { withCredentials } from '../ingest/ffmpeg-args';
import type { CredentialCipher } from '../security/credential-cipher';
import type { StreamInput, StreamInputResolution, StreamInputResolver } from '../streams/stream-types';
import { STREAM_ADDRESS_DENIED, type StreamAddressPin } from './stream-address-guard';

/** What the resolver needs from the RTMP push server (rtmp/rtmp-ingest-server.ts). */
export interface RtmpPullSource {
  isPublishing(cameraId: string): boolean;
  internalPullUrl(cameraId: string): { url: string; token: string };
}

export const NO_PUBLISHER = 'no publisher';

/** AAC (as measured) is passed through; anything else, or not tested, is transcoded (safe for whatever comes). */
function audioInput(measured: CameraAudioCodec | null): Pick<StreamInput, 'audioMode' | 'audioCodec'> {
  return { audioMode: measured === 'aac' ? 'copy' : 'transcode-aac', audioCodec: measured };
}

/**
 * Looks the camera up on every (re)start, so an edited URL or password takes effect on the next retry, and resolves
 * its host then: ffmpeg is given a checked address, never a name to resolve again itself (DNS rebinding).
 */
export class CameraStreamInputResolver implements StreamInputResolver {
  constructor(
    private readonly cameras: CameraRepository,
    private readonly cipher: CredentialCipher,
    /** null when RTMP push ingest is disabled. */
    private readonly rtmp: RtmpPullSource | null = null,
    /** Checks the host's current addresses and pins one (null: ffmpeg gets the URL as stored). */
    private readonly addresses: StreamAddressPin | null = null,
  ) {}

  videoModeOf(cameraId: string, profile: StreamProfile): StreamInput['videoMode'] | null {
    const camera = this.cameras.get(cameraId);
    if (!camera) return null;
    if (camera.sourceType === 'rtmp-push') return camera.videoCodec === 'h265' ? 'transcode-h264' : 'copy';
    return this.codecOf(camera, profile) === 'h265' ? 'transcode-h264' : 'copy';
  }

  /** An H.265 camera's sub stream is often H.264: only what was measured (or declared) as H.265 is transcoded. */
  private codecOf(camera: CameraRecord, profile: StreamProfile): CameraRecord['videoCodec'] {
    const useSub = profile === 'sub' ? camera.subStreamUri !== null : camera.mainStreamUri === null;
    return useSub ? (camera.subVideoCodec ?? camera.videoCodec) : camera.videoCodec;
  }

  async resolve(cameraId: string, profile: StreamProfile): Promise<StreamInputResolution> {
    const camera = this.cameras.get(cameraId);
    if (!camera) return { ok: false, reason: 'camera no longer registered' };
    if (camera.sourceType === 'rtmp-push') return this.resolvePush(camera);
    // A camera with only one stream serves it for both profiles.
    const useSub = profile === 'sub' ? camera.subStreamUri !== null : camera.mainStreamUri === null;
    const uri = useSub ? camera.subStreamUri : camera.mainStreamUri;
    if (!uri) return { ok: false, reason: 'camera has no stream URI' };
    let password: string | null = null;
    if (camera.passwordEnc) {
      try {
        password = this.cipher.decrypt(camera.passwordEnc);
      } catch {
        return { ok: false, reason: 'stored credentials cannot be decrypted (credential key changed?)' };
      }
    }
    let target = uri;
    if (this.addresses) {
      const pinned = await this.addresses.pin(uri);
      if (!pinned.ok) return { ok: false, reason: STREAM_ADDRESS_DENIED };
      target = pinned.url;
    }
    const inputUrl = withCredentials(target, camera.username, password);
    const codec = this.codecOf(camera, profile);
    const audioCodec = useSub ? camera.subAudioCodec : camera.mainAudioCodec;
    return {
      ok: true,
      input: {
        inputUrl,
        displayUrl: maskUrlCredentials(inputUrl),
        secrets: [password, inputUrl].filter((s): s is string => !!s),
        videoMode: codec === 'h265' ? 'transcode-h264' : 'copy',
        rtsp: { transport: camera.rtspTransport, inUse: camera.transportInUse },
        ingest: camera.ingest,
        ...audioInput(audioCodec),
      },
    };
  }

  /** A pushed camera is read back from our own RTMP server over loopback; one stream serves both profiles. */
  private resolvePush(camera: CameraRecord): StreamInputResolution {
    if (!this.rtmp) return { ok: false, reason: 'RTMP push ingest is not enabled on this gateway' };
    if (!this.rtmp.isPublishing(camera.id)) return { ok: false, reason: NO_PUBLISHER };
    const { url, token } = this.rtmp.internalPullUrl(camera.id);
    return {
      ok: true,
      input: {
        inputUrl: url,
        displayUrl: url.replace(/\?.*$/, ''),
        secrets: [token, url],
        videoMode: this.videoModeOf(camera.id, 'main') ?? 'copy',
        push: { cameraId: camera.id },
        ingest: camera.ingest,
        ...audioInput(camera.mainAudioCodec),
      },
    };
  }
}
