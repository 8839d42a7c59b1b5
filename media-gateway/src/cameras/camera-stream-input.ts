import type { CameraAudioCodec, StreamProfile } from '../../../contracts/src/camera';
import { maskUrlCredentials } from '../../../contracts/src/stream-url';
import type { CameraRecord, CameraRepository } from '../db/camera-repository';
import { withCredentials } from '../ingest/ffmpeg-args';
import type { CredentialCipher } from '../security/credential-cipher';
import type { StreamInput, StreamInputResolution, StreamInputResolver } from '../streams/stream-types';

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

/** Looks the camera up on every (re)start, so an edited URL or password takes effect on the next retry. */
export class CameraStreamInputResolver implements StreamInputResolver {
  constructor(
    private readonly cameras: CameraRepository,
    private readonly cipher: CredentialCipher,
    /** null when RTMP push ingest is disabled. */
    private readonly rtmp: RtmpPullSource | null = null,
  ) {}

  resolve(cameraId: string, profile: StreamProfile): StreamInputResolution {
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
    const inputUrl = withCredentials(uri, camera.username, password);
    // An H.265 camera's sub stream is often H.264: only what was measured (or declared) as H.265 is transcoded.
    const codec = useSub ? (camera.subVideoCodec ?? camera.videoCodec) : camera.videoCodec;
    const audioCodec = useSub ? camera.subAudioCodec : camera.mainAudioCodec;
    return {
      ok: true,
      input: {
        inputUrl,
        displayUrl: maskUrlCredentials(inputUrl),
        secrets: [password, inputUrl].filter((s): s is string => !!s),
        videoMode: codec === 'h265' ? 'transcode-h264' : 'copy',
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
        videoMode: camera.videoCodec === 'h265' ? 'transcode-h264' : 'copy',
        ...audioInput(camera.mainAudioCodec),
      },
    };
  }
}
