import type { SegmentView } from '../packager-types';

/** A complete 1 s segment of two 0.5 s parts (the first independent), one second after the previous one. */
export const segmentView = (msn: number, extra: Partial<SegmentView> = {}): SegmentView => ({
  msn,
  initGeneration: 0,
  discontinuity: false,
  programDateTimeMs: Date.UTC(2024, 0, 1) + msn * 1000,
  durationSec: 1,
  complete: true,
  parts: [
    { durationSec: 0.5, independent: true },
    { durationSec: 0.5, independent: false },
  ],
  ...extra,
});
