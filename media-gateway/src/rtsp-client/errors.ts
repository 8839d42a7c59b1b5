/**
 * Typed failure reasons, so the caller (the stream manager) can map them to its pipeline reason codes and pick a
 * fallback (461 → try UDP; unsupported-media → the ffmpeg escape hatch) without matching message text.
 */
export type RtspFailureReason =
  | 'auth-failed'
  | 'unsupported-transport'
  /** No response to a request, or no media, within the timeout. */
  | 'not-responding'
  /** Malformed or over-limit data, an unexpected status, a refused redirect. */
  | 'protocol'
  /** The SDP offers no track this client can depacketise (e.g. H.265 with DONL, H.264 interleaved mode). */
  | 'unsupported-media'
  | 'connection-refused'
  /** The camera closed the connection (or the client was closed while a request was pending). */
  | 'closed';

export class RtspClientError extends Error {
  constructor(
    readonly reason: RtspFailureReason,
    message: string,
    /** The RTSP status code when the failure was a response. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'RtspClientError';
  }
}

export const protocolError = (message: string): RtspClientError => new RtspClientError('protocol', message);
