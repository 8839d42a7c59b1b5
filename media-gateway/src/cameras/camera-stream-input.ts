import type { StreamProfile } from '../../../contracts/src/camera';
import { maskUrlCredentials } from '../../../contracts/src/stream-url';
import type { CameraRepository } from '../db/camera-repository';
import { withCredentials } from '../ingest/ffmpeg-args';
import type { CredentialCipher } from '../security/credential-cipher';
import type { StreamInputResolution, StreamInputResolver } from '../streams/stream-types';

/** Looks the camera up on every (re)start, so an edited URL or password takes effect on the next retry. */
export class CameraStreamInputResolver implements StreamInputResolver {
  constructor(
    private readonly cameras: CameraRepository,
    private readonly cipher: CredentialCipher,
  ) {}

  resolve(cameraId: string, profile: StreamProfile): StreamInputResolution {
    const camera = this.cameras.get(cameraId);
    if (!camera) return { ok: false, reason: 'camera no longer registered' };
    if (camera.sourceType === 'rtmp-push') return { ok: false, reason: 'RTMP push ingest is not enabled on this gateway' };
    // A camera with only one stream serves it for both profiles.
    const uri = profile === 'sub' ? (camera.subStreamUri ?? camera.mainStreamUri) : (camera.mainStreamUri ?? camera.subStreamUri);
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
    return {
      ok: true,
      input: {
        inputUrl,
        displayUrl: maskUrlCredentials(inputUrl),
        secrets: [password, inputUrl].filter((s): s is string => !!s),
        videoMode: camera.videoCodec === 'h265' ? 'transcode-h264' : 'copy',
      },
    };
  }
}
