import type { FfmpegIngestReason } from '../../../contracts/src/stream-status';
import type { IngestFailure } from './ffmpeg-errors';

/** How one ingest run ended. */
export interface IngestExit {
  /** True when we asked it to stop; false for a crash, a camera fault or end of stream. */
  requested: boolean;
  failure: IngestFailure;
  /** Last stderr lines (ffmpeg) or the client's error (in-process), credentials removed. */
  detail: string;
  /** ffmpeg's exit code (0 for an in-process run that ended); null when no process could be started at all. */
  code: number | null;
  signal: NodeJS.Signals | null;
  /**
   * In-process only: the camera turned out to need ffmpeg (G.711 audio, a track the client cannot depacketise).
   * Not a camera failure: the pipeline starts the ffmpeg path at once.
   */
  needsFfmpeg?: FfmpegIngestReason;
}

/** One run of a pipeline's ingest: an ffmpeg child or the in-process RTSP client, both feeding fMP4 bytes. */
export interface IngestRun {
  /** The child's pid; undefined in-process. */
  readonly pid: number | undefined;
  readonly running: boolean;
  /** A requested stop (exit.requested = true). */
  stop(): Promise<void>;
  /** A stop for a fault the supervisor found (stall, unusable data): not requested, so it is restarted. */
  abort(): Promise<void>;
}
