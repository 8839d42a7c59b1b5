/** Messages between the density bench and its viewer process (Node IPC, JSON). */
import type { PartRecord } from './part-accounting';

/** start: viewer i begins i / rampPerSec seconds after the message (a wall of tiles opening, not a boot storm). */
export type ToViewers = { type: 'start'; urls: string[]; rampPerSec: number } | { type: 'stop' };

/** [stream, msn, part, mediaEndSec, listedAt, partAt]: a PartRecord, compact for IPC. */
export type PartTuple = [number, number, number, number | null, number, number];

export interface ViewerReport {
  type: 'report';
  parts: PartTuple[];
  /** [stream, at (ms), parts]: parts of the sequence the viewer could not fetch (missing.ts definition). */
  missing: Array<[number, number, number]>;
  /** [stream, at (ms), what]: failed requests, non-200 answers, discontinuities. */
  errors: Array<[number, number, string]>;
  /** Per stream: ms from the viewer's first request to its first playlist, null if none came. */
  firstPlaylistMs: Array<number | null>;
}

export type FromViewers = { type: 'started' } | ViewerReport;

export const toTuple = (r: PartRecord): PartTuple => [r.stream, r.msn, r.part, r.mediaEndSec, r.listedAt, r.partAt];
export const fromTuple = ([stream, msn, part, mediaEndSec, listedAt, partAt]: PartTuple): PartRecord => ({ stream, msn, part, mediaEndSec, listedAt, partAt });
