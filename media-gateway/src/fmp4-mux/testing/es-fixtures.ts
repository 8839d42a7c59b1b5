// Tests only: the committed elementary-stream fixtures (tests/fixtures/media/fmp4-mux/) turned into what the RTSP
// client hands the muxer: access units of NAL units (no start codes) with 90 kHz pts/dts from the encoder's own
// framecrc, and raw AAC frames with their AudioSpecificConfig (from the ADTS headers, as an SDP would give it).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AudioFrame, VideoAccessUnit } from '../types';

export const FIXTURES = fileURLToPath(new URL('../../../../tests/fixtures/media/fmp4-mux/', import.meta.url));

export interface TimedAccessUnit {
  au: VideoAccessUnit;
  dts90k: number;
}

/** NAL units of an Annex B byte stream (3- or 4-byte start codes). */
export function splitAnnexB(buf: Uint8Array): Uint8Array[] {
  const starts: { at: number; len: number }[] = [];
  for (let i = 0; i + 2 < buf.length; i++) {
    if (buf[i] === 0 && buf[i + 1] === 0 && buf[i + 2] === 1) {
      starts.push({ at: i + 3, len: i > 0 && buf[i - 1] === 0 ? 4 : 3 });
      i += 2;
    }
  }
  return starts.map((s, k) => {
    const next = starts[k + 1];
    return buf.subarray(s.at, next ? next.at - next.len : buf.length);
  });
}

/** Encoder timestamps in decode order from a framecrc file (time base 1/25 s), shifted so the first DTS is 0. */
function readFramecrc(path: string): { dts: number; pts: number }[] {
  const rows = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => /^\d+,/.test(l))
    .map((l) => l.split(',').map((f) => f.trim()));
  const tb = 90_000 / 25;
  const first = Number(rows[0]?.[1] ?? 0);
  return rows.map((r) => ({ dts: (Number(r[1]) - first) * tb, pts: (Number(r[2]) - first) * tb }));
}

const isAud = (codec: 'h264' | 'h265', nal: Uint8Array): boolean => (codec === 'h264' ? ((nal[0] ?? 0) & 0x1f) === 9 : (((nal[0] ?? 0) >> 1) & 0x3f) === 35);

export function isKeyNal(codec: 'h264' | 'h265', nal: Uint8Array): boolean {
  if (codec === 'h264') return ((nal[0] ?? 0) & 0x1f) === 5;
  const type = ((nal[0] ?? 0) >> 1) & 0x3f;
  return type >= 16 && type <= 21;
}

/**
 * `file` split into access units: at each AUD when the stream has them, else at each first slice (the baseline
 * fixture has no AUDs: every NAL unit before a slice belongs to that slice's AU).
 */
export function loadVideo(file: string, codec: 'h264' | 'h265'): TimedAccessUnit[] {
  const nals = splitAnnexB(readFileSync(join(FIXTURES, file)));
  const times = readFramecrc(join(FIXTURES, file.replace(/\.\w+$/, '.crc')));
  const groups: Uint8Array[][] = [];
  const withAud = nals.some((n) => isAud(codec, n));
  let current: Uint8Array[] = [];
  for (const nal of nals) {
    if (withAud ? isAud(codec, nal) && current.length > 0 : isSliceNal(codec, nal) && current.some((n) => isSliceNal(codec, n))) {
      groups.push(current);
      current = [];
    }
    current.push(nal);
  }
  if (current.length > 0) groups.push(current);
  if (groups.length !== times.length) throw new Error(`${file}: ${groups.length} access units, ${times.length} timestamps`);
  return groups.map((nalus, i) => {
    const t = times[i] ?? { dts: 0, pts: 0 };
    return { au: { track: 'video', codec, pts90k: t.pts, nalus, key: nalus.some((n) => isKeyNal(codec, n)) }, dts90k: t.dts };
  });
}

function isSliceNal(codec: 'h264' | 'h265', nal: Uint8Array): boolean {
  const type = codec === 'h264' ? (nal[0] ?? 0) & 0x1f : ((nal[0] ?? 0) >> 1) & 0x3f;
  return codec === 'h264' ? type >= 1 && type <= 5 : type < 32;
}

/** Raw AAC frames and the AudioSpecificConfig of an ADTS file, timed at 1024 samples a frame from 0. */
export function loadAac(file: string): { asc: Uint8Array; sampleRate: number; frames: AudioFrame[] } {
  const buf = readFileSync(join(FIXTURES, file));
  const rates = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];
  let asc = new Uint8Array();
  let sampleRate = 0;
  const frames: AudioFrame[] = [];
  for (let at = 0; at + 7 <= buf.length; ) {
    if (buf[at] !== 0xff || ((buf[at + 1] ?? 0) & 0xf0) !== 0xf0) throw new Error(`${file}: lost ADTS sync at ${at}`);
    const headerLen = (buf[at + 1] ?? 0) & 1 ? 7 : 9;
    const b2 = buf[at + 2] ?? 0;
    const aot = (b2 >> 6) + 1;
    const sf = (b2 >> 2) & 0x0f;
    const channels = ((b2 & 1) << 2) | ((buf[at + 3] ?? 0) >> 6);
    const length = (((buf[at + 3] ?? 0) & 3) << 11) | ((buf[at + 4] ?? 0) << 3) | ((buf[at + 5] ?? 0) >> 5);
    asc = Uint8Array.of((aot << 3) | (sf >> 1), ((sf & 1) << 7) | (channels << 3));
    sampleRate = rates[sf] ?? 0;
    frames.push({ track: 'audio', codec: 'aac', ptsClock: frames.length * 1024, clockRate: sampleRate, data: buf.subarray(at + headerLen, at + length) });
    at += length;
  }
  return { asc, sampleRate, frames };
}
