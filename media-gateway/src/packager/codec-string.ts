// RFC 6381 `codecs` strings from the decoder configuration box, so the browser can be asked
// (MediaSource.isTypeSupported) before it is sent a stream it cannot play.

/** The CODECS attribute value (RFC 8216 §4.4.6.2): video first, then the audio muxed into the same fragments. */
export function codecsAttribute(init: { codec: string; audio: { codec: string } | null }): string {
  return init.audio ? `${init.codec},${init.audio.codec}` : init.codec;
}

const hex2 = (n: number): string => n.toString(16).padStart(2, '0');

/** `avc1.PPCCLL` from an avcC payload: profile, constraint flags, level (ISO/IEC 14496-15 §5.3.3). */
export function avcCodecString(sampleEntry: string, avcC: Buffer): string {
  if (avcC.length < 4) return sampleEntry;
  return `${sampleEntry}.${hex2(avcC[1] ?? 0)}${hex2(avcC[2] ?? 0)}${hex2(avcC[3] ?? 0)}`;
}

/** Reverses the 32 bits of n (hvcC stores compatibility flags MSB-first, the string wants them LSB-first). */
function reverseBits32(n: number): number {
  let out = 0;
  for (let i = 0; i < 32; i++) out = (out << 1) | ((n >>> i) & 1);
  return out >>> 0;
}

/** `hvc1.1.6.L93.B0` from an hvcC payload (ISO/IEC 14496-15 Annex E). Best effort. */
export function hevcCodecString(sampleEntry: string, hvcC: Buffer): string {
  if (hvcC.length < 13) return sampleEntry;
  const b1 = hvcC[1] ?? 0;
  const space = ['', 'A', 'B', 'C'][b1 >> 6] ?? '';
  const tier = (b1 >> 5) & 1 ? 'H' : 'L';
  const profile = b1 & 0x1f;
  const compat = reverseBits32(hvcC.readUInt32BE(2)).toString(16);
  const constraints = [...hvcC.subarray(6, 12)];
  while (constraints.length > 0 && constraints[constraints.length - 1] === 0) constraints.pop();
  const level = hvcC[12] ?? 0;
  const tail = constraints.map((c) => `.${c.toString(16).toUpperCase()}`).join('');
  return `${sampleEntry}.${space}${profile}.${compat}.${tier}${level}${tail}`;
}
