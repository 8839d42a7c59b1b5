import { describe, expect, it } from 'vitest';
import { chooseForDeletion, type RetentionFile, type RetentionPolicy } from './recording-retention';

const DAY = 24 * 3600_000;
const NOW = Date.UTC(2026, 11, 8);
const f = (id: number, cameraId: string, daysAgo: number, bytes = 100, extra: Partial<RetentionFile> = {}): RetentionFile => ({ id, cameraId, startMs: NOW - daysAgo * DAY - 600_000, endMs: NOW - daysAgo * DAY, bytes, open: false, ...extra });
const policy = (o: Partial<RetentionPolicy> = {}): RetentionPolicy => ({ retentionDays: (c) => (c === 'village' ? 7 : 30), isProtected: () => false, maxBytes: 0, minFreeBytes: 0, ...o });
const usage = (files: RetentionFile[], freeBytes: number) => ({ totalBytes: files.reduce((s, x) => s + x.bytes, 0), freeBytes });
const ids = (files: RetentionFile[]) => files.map((x) => x.id);

describe('chooseForDeletion', () => {
  it('deletes what is older than its camera retention (category 1: 30 days, category 3: 7 days), nothing else', () => {
    const files = [f(1, 'police', 31), f(2, 'police', 29), f(3, 'village', 8), f(4, 'village', 6)];
    expect(chooseForDeletion(files, NOW, usage(files, 1e12), policy())).toEqual({ expired: [files[0], files[2]], forSpace: [], shortBytes: 0 });
  });

  it('over quota or below the watermark: the oldest go first, counting what expiry freed', () => {
    const files = [f(1, 'police', 3, 400), f(2, 'police', 2, 400), f(3, 'police', 1, 400), f(4, 'village', 10, 100)];
    // 1300 bytes, 100 of them expired; the quota is 900: 300 more must go → the oldest (file 1, 400 bytes).
    const quota = chooseForDeletion(files, NOW, usage(files, 1e12), policy({ maxBytes: 900 }));
    expect(ids(quota.expired)).toEqual([4]);
    expect(ids(quota.forSpace)).toEqual([1]);
    // 200 free, 1000 wanted: 100 freed by expiry, 700 more → files 1 and 2.
    expect(ids(chooseForDeletion(files, NOW, usage(files, 200), policy({ minFreeBytes: 1000 })).forSpace)).toEqual([1, 2]);
  });

  it('never a protected file or one being written, and says how much space it could not find', () => {
    const files = [f(1, 'police', 40, 500, { open: false }), f(2, 'police', 3, 500), f(3, 'police', 0, 500, { open: true })];
    const r = chooseForDeletion(files, NOW, usage(files, 0), policy({ isProtected: (x) => x.id === 1, minFreeBytes: 1200 }));
    expect(r.expired).toEqual([]);
    expect(ids(r.forSpace)).toEqual([2]);
    expect(r.shortBytes).toBe(700);
  });
});
