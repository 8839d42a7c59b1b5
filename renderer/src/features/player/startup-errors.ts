// Which hls.js errors during a tile's startup mean "the stream is not there yet" rather than "something is wrong".
// A cold camera's first playlist can list parts but no complete segment until its first GOP ends (hls.js:
// levelEmptyError, "No Segments found in Playlist"), and the gateway answers 503 {state: "starting"} while the
// pipeline comes up. Those are retried quietly and quickly; everything else is an error the tile shows.
import type { ErrorData } from 'hls.js';
import { parseErrorBody } from '../../gateway/gateway-error';
import { CONNECT_TIMEOUT_MS } from './freeze-detector';

/** Between quiet startup retries: short, since the first segment is usually a GOP away. */
export const STARTUP_RETRY_MS = 500;

/** hls.js's ErrorDetails.LEVEL_EMPTY_ERROR, spelled out so this stays free of the hls.js runtime. */
const LEVEL_EMPTY_ERROR = 'levelEmptyError';
const NETWORK_ERROR = 'networkError';

export type StartupCondition = 'empty-playlist' | 'pipeline-starting';

/**
 * The startup condition this fatal error is, or null if it is a real failure (or startup has taken longer than the
 * connect timeout, after which the tile must tell the truth).
 */
export function startupRetry(data: Pick<ErrorData, 'type' | 'details' | 'response'>, body: string | null, startupElapsedMs: number): StartupCondition | null {
  if (startupElapsedMs >= CONNECT_TIMEOUT_MS || data.type !== NETWORK_ERROR) return null;
  if (data.details === LEVEL_EMPTY_ERROR) return 'empty-playlist';
  if (data.response?.code === 503) {
    const state = parseErrorBody(503, body, data.response.text).state;
    // "live" too: the pipeline is up but its first part has not reached the playlist yet.
    if (state === 'starting' || state === 'live') return 'pipeline-starting';
  }
  return null;
}
