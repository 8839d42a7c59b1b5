import type { IngestFailure } from '../ingest/ffmpeg-errors';

/** What is known when an ingest run ends without our asking. */
export interface IngestExitFacts {
  /** ffmpeg's stderr, classified (`exited` when it said nothing we recognise), or the in-process client's failure. */
  stderrClass: IngestFailure;
  /** The signal that ended the process; we sent none (a requested stop is never classified). */
  signal: NodeJS.Signals | null;
  /** Exit code; null with no signal too when the process could not be started at all. */
  code: number | null;
  /** A fault the pipeline itself found and acted on (watchdog, packager refusing the data). */
  pendingFault: IngestFailure | null;
  /** Whether this run delivered video. */
  hadVideo: boolean;
  /** Whether an earlier run of this pipeline delivered video (a silence after it is the same stall going on). */
  hadVideoBefore?: boolean;
  /** Since the last fragment (hadVideo) or since spawn (not), at exit. */
  silentMs: number;
  ioTimeoutMs: number;
}

/**
 * Why a run ended, from facts rather than from ffmpeg's wording alone (its messages name the symptom at its own
 * layer: a camera that accepts TCP and answers nothing shows as "Invalid data found", a camera that closes the
 * connection as nothing at all):
 * - a signal we did not send (killed, crashed) or no process at all: `exited`, a gateway-side fault whatever the
 *   camera did;
 * - after video, reads that timed out, or silence for (about) an I/O timeout before the end: `stalled`;
 * - a run that ended on its own right after video, with nothing recognisable said: the camera closed the connection;
 * - no video yet, and "invalid data" after an I/O timeout: nobody answered our request: `not-responding` (or
 *   `stalled` when this pipeline had video before);
 * - otherwise what ffmpeg said (refused, unreachable, timed out, 401, 404, …).
 */
export function classifyIngestExit(f: IngestExitFacts): IngestFailure {
  if (f.pendingFault) return f.pendingFault;
  if (f.signal !== null || f.code === null) return 'exited';
  const waitedOut = f.silentMs >= Math.max(1000, f.ioTimeoutMs * 0.8);
  if (f.hadVideo) {
    // An established session whose reads timed out (ffmpeg), or no media for the timeout (in-process): the camera
    // went silent.
    if (f.stderrClass === 'timeout' || f.stderrClass === 'not-responding') return 'stalled';
    if (waitedOut && (f.stderrClass === 'exited' || f.stderrClass === 'invalid-data')) return 'stalled';
    return f.stderrClass === 'exited' ? 'disconnected' : f.stderrClass;
  }
  // "Invalid data" after a whole I/O timeout is an RTSP request nobody answered, not a malformed stream: a camera
  // that was streaming before has stalled; one that never answered this pipeline is not responding.
  if (waitedOut && f.stderrClass === 'invalid-data') return f.hadVideoBefore ? 'stalled' : 'not-responding';
  if (f.stderrClass === 'not-responding' && f.hadVideoBefore) return 'stalled';
  return f.stderrClass === 'exited' ? 'disconnected' : f.stderrClass;
}
