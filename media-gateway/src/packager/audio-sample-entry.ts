// Reads an audio track's sample entry (ISO/IEC 14496-12 AudioSampleEntry) and, for `mp4a`, the RFC 6381 codec
// string from its `esds` (ISO/IEC 14496-1 descriptors): `mp4a.40.2` is AAC-LC. Best effort: anything we cannot
// read leaves the bare four-cc, never an error (audio is optional, video must keep playing).
import { childBoxes, Cursor, findChild } from './bmff-cursor';
import type { BoxRef } from './bmff-cursor';

export interface AudioSampleEntryInfo {
  /** `mp4a.40.2` (AAC-LC), `mp4a.40.5` (HE-AAC), ...; the bare sample entry type when unknown. */
  codec: string;
  /** Four-cc: `mp4a`, `Opus`, `ac-3`, ... */
  sampleEntry: string;
  channels: number;
  sampleRate: number;
}

const ES_DESCRIPTOR = 0x03;
const DECODER_CONFIG = 0x04;
const DECODER_SPECIFIC_INFO = 0x05;
/** objectTypeIndication of MPEG-4 Audio (AAC and its relatives), whose string adds the audio object type. */
const MPEG4_AUDIO = 0x40;

export function readAudioSampleEntry(buf: Buffer, stsd: BoxRef): AudioSampleEntryInfo | null {
  // stsd: FullBox header + entry_count, then the entries; the first one describes our samples.
  const entry = childBoxes(buf, stsd.dataStart + 8, stsd.end).next().value;
  if (!entry) return null;
  // 6 reserved + 2 data_reference_index + 8 reserved, channelcount, samplesize, 4 more, samplerate 16.16; children at 28.
  const cur = new Cursor(buf, entry, 16);
  const channels = cur.u16();
  cur.skip(6);
  const sampleRate = cur.u32() >>> 16;
  const esds = entry.type === 'mp4a' ? findChild(buf, { ...entry, dataStart: entry.dataStart + 28 }, 'esds') : undefined;
  if (!esds) return { codec: entry.type, sampleEntry: entry.type, channels, sampleRate };
  // MP4 writers put the template value 2 in channelcount (ISO/IEC 14496-12): the AudioSpecificConfig knows better.
  const config = readMp4aConfig(buf.subarray(esds.dataStart + 4, esds.end));
  return { codec: config?.codec ?? entry.type, sampleEntry: entry.type, channels: config?.channels || channels, sampleRate };
}

/** A descriptor's tag and payload range; sizes are 1–4 bytes of 7 bits, high bit = more follows. */
function descriptor(d: Buffer, at: number): { tag: number; start: number; end: number } | null {
  if (at >= d.length) return null;
  const tag = d[at] ?? 0;
  let size = 0;
  let i = at + 1;
  for (let n = 0; n < 4 && i < d.length; n++) {
    const b = d[i++] ?? 0;
    size = (size << 7) | (b & 0x7f);
    if (!(b & 0x80)) break;
  }
  return i + size <= d.length ? { tag, start: i, end: i + size } : null;
}

/** Reads `bits` bits (≤ 24) at bit offset `at` of b (big-endian); bytes past the end read as 0. */
const bitsAt = (b: Buffer, at: number, bits: number): number => {
  let v = 0;
  for (let i = 0; i < bits; i++) v = (v << 1) | (((b[(at + i) >> 3] ?? 0) >> (7 - ((at + i) & 7))) & 1);
  return v;
};

/**
 * From an esds payload: the codec string (`mp4a.40.<audio object type>` for MPEG-4 audio, `mp4a.<oti hex>`
 * otherwise) and, for MPEG-4 audio, the channelConfiguration (0 = not said); null if unreadable.
 */
export function readMp4aConfig(esds: Buffer): { codec: string; channels: number } | null {
  const es = descriptor(esds, 0);
  if (!es || es.tag !== ES_DESCRIPTOR) return null;
  const flags = esds[es.start + 2] ?? 0;
  let at = es.start + 3;
  if (flags & 0x80) at += 2; // streamDependenceFlag: dependsOn_ES_ID
  if (flags & 0x40) at += 1 + (esds[at] ?? 0); // URL_Flag: URLlength + URLstring
  if (flags & 0x20) at += 2; // OCRstreamFlag: OCR_ES_Id
  const config = descriptor(esds, at);
  if (!config || config.tag !== DECODER_CONFIG || config.end - config.start < 13) return null;
  const oti = esds[config.start] ?? 0;
  if (oti !== MPEG4_AUDIO) return { codec: `mp4a.${oti.toString(16)}`, channels: 0 };
  const dsi = descriptor(esds, config.start + 13);
  if (!dsi || dsi.tag !== DECODER_SPECIFIC_INFO || dsi.end <= dsi.start) return { codec: 'mp4a.40', channels: 0 };
  // AudioSpecificConfig (ISO/IEC 14496-3 §1.6.2.1): audioObjectType (5 bits; 31 escapes to 32 + 6 more bits),
  // samplingFrequencyIndex (4 bits; 15 is followed by a 24-bit frequency), channelConfiguration (4 bits).
  const asc = esds.subarray(dsi.start, dsi.end);
  let bit = 5;
  let aot = bitsAt(asc, 0, 5);
  if (aot === 31) {
    aot = 32 + bitsAt(asc, 5, 6);
    bit += 6;
  }
  bit += bitsAt(asc, bit, 4) === 15 ? 28 : 4;
  return { codec: `mp4a.40.${aot}`, channels: bitsAt(asc, bit, 4) };
}
