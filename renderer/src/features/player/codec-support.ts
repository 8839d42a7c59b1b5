// Whether this console decodes HEVC (desktop Chromium/Edge with hardware HEVC on Windows/macOS, Safari): then a
// tile asks for an H.265 camera's stream untouched (`video=original`) and the gateway spends no transcode on it.
import type { StreamProfile } from '../../../../contracts/src/camera';
import type { VideoRequest } from '../../../../contracts/src/stream-status';
import { streamKey, type PipelineStatusDto } from '../../gateway/gateway-types';

/** Main profile, level 4 (1080p): what village cameras send. hvc1 is what the gateway serves; hev1 is reported too. */
export const HEVC_TYPES = { hvc1: 'video/mp4; codecs="hvc1.1.6.L120.90"', hev1: 'video/mp4; codecs="hev1.1.6.L120.90"' } as const;

export type TypeSupport = (mimeType: string) => boolean;

export interface HevcSupport {
  hvc1: boolean;
  hev1: boolean;
}

export function detectHevc(isTypeSupported: TypeSupport | null): HevcSupport {
  const ask = (type: string) => {
    try {
      return isTypeSupported?.(type) === true;
    } catch {
      return false;
    }
  };
  return { hvc1: ask(HEVC_TYPES.hvc1), hev1: ask(HEVC_TYPES.hev1) };
}

/** The passthrough fMP4 is tagged hvc1, so hvc1 support is what decides. */
export function videoRequestFor(support: HevcSupport): VideoRequest {
  return support.hvc1 ? 'original' : 'compatible';
}

let cached: HevcSupport | null = null;

/** This browser's answer, asked once (it does not change while the page lives). */
export function hevcSupport(): HevcSupport {
  if (!cached) {
    const ms = typeof MediaSource === 'undefined' ? null : MediaSource;
    cached = detectHevc(ms ? (type) => ms.isTypeSupported(type) : null);
  }
  return cached;
}

/**
 * Streams this console failed to decode although the browser said it could (isTypeSupported answers for the codec
 * string, not for a given camera's profile/level or a flaky hardware decoder): asked for as `compatible` from then
 * on, for as long as the page lives.
 */
const undecodable = new Set<string>();

export function markOriginalUndecodable(cameraId: string, profile: StreamProfile): void {
  undecodable.add(streamKey(cameraId, profile));
}

export function videoRequest(cameraId?: string, profile?: StreamProfile): VideoRequest {
  if (cameraId && profile && undecodable.has(streamKey(cameraId, profile))) return 'compatible';
  return videoRequestFor(hevcSupport());
}

/**
 * The pipeline status a tile shows: the one its own request reaches. An H.264-only console watching an H.265 camera
 * gets the transcode; everyone else (and every H.264 camera) the untouched stream.
 */
export function tilePipeline(streams: ReadonlyMap<string, PipelineStatusDto>, cameraId: string, profile: StreamProfile, request: VideoRequest = videoRequest(cameraId, profile)): PipelineStatusDto | undefined {
  const copy = streams.get(streamKey(cameraId, profile));
  return request === 'compatible' ? (streams.get(streamKey(cameraId, profile, 'transcode')) ?? copy) : copy;
}
