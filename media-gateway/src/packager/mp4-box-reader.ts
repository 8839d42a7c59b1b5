// Streaming splitter for top-level ISO BMFF boxes. ffmpeg's stdout arrives in pipe-sized chunks that cut boxes
// (and even box headers) anywhere, so bytes are queued until a whole box is present, then handed out in one piece.

/** A complete top-level box. `bytes` holds the whole box, header included. */
export interface Mp4Box {
  readonly type: string;
  /** Total size in bytes, header included. */
  readonly size: number;
  /** 8, or 16 when the box uses the 64-bit `largesize` field. */
  readonly headerSize: number;
  /**
   * The box bytes. May be a view into a pushed chunk (no copy when a box sits inside one chunk), so copy it if you
   * keep it longer than the chunk should live.
   */
  readonly bytes: Buffer;
}

/** Anything bigger is a corrupt or hostile stream: a live 200 ms fragment is kilobytes, at most a few MiB. */
export const MAX_BOX_BYTES = 64 * 1024 * 1024;

export type Mp4BoxErrorCode = 'oversized' | 'invalid-size' | 'invalid-type' | 'truncated';

/** The byte stream cannot be split any further (framing is lost); the caller must restart the input. */
export class Mp4BoxError extends Error {
  override readonly name = 'Mp4BoxError';
  constructor(
    readonly code: Mp4BoxErrorCode,
    message: string,
  ) {
    super(message);
  }
}

interface BoxHeader {
  type: string;
  size: number;
  headerSize: number;
}

export class Mp4BoxReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Header of the box being collected, parsed once so 1-byte pushes stay O(1) each. */
  private header: BoxHeader | null = null;
  /** Bytes consumed so far: gives error messages a stream offset. */
  private offset = 0;

  constructor(private readonly maxBoxBytes: number = MAX_BOX_BYTES) {}

  /** Bytes received but not yet returned as a box. */
  get bufferedBytes(): number {
    return this.buffered;
  }

  /** Adds a chunk and returns every box it completed, in stream order. Throws Mp4BoxError (and resets) on garbage. */
  push(chunk: Buffer): Mp4Box[] {
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
    }
    const boxes: Mp4Box[] = [];
    for (;;) {
      this.header ??= this.readHeader();
      if (!this.header || this.buffered < this.header.size) return boxes;
      const { type, size, headerSize } = this.header;
      boxes.push({ type, size, headerSize, bytes: this.take(size) });
      this.offset += size;
      this.header = null;
    }
  }

  /** End of input: throws if a box was cut short (e.g. ffmpeg died mid-write). Always leaves the reader empty. */
  end(): void {
    const pending = this.buffered;
    const type = this.header?.type;
    this.reset();
    if (pending > 0) {
      const what = type ? `'${type}' box` : 'box header';
      throw new Mp4BoxError('truncated', `stream ended inside a ${what} (${pending} bytes pending)`);
    }
  }

  /** Drops everything buffered (used when the input restarts). */
  reset(): void {
    this.chunks = [];
    this.buffered = 0;
    this.header = null;
    this.offset = 0;
  }

  private readHeader(): BoxHeader | null {
    if (this.buffered < 8) return null;
    const head = this.peek(Math.min(16, this.buffered));
    const size32 = head.readUInt32BE(0);
    const type = head.toString('latin1', 4, 8);
    // Top-level box types are printable ASCII; anything else means we are not reading MP4 (or lost sync).
    for (let i = 4; i < 8; i++) {
      const c = head[i] ?? 0;
      if (c < 0x20 || c > 0x7e) this.fail('invalid-type', `non-ASCII box type 0x${head.toString('hex', 4, 8)}`);
    }
    let size = size32;
    let headerSize = 8;
    if (size32 === 1) {
      if (head.length < 16) return null; // largesize not here yet
      const large = head.readBigUInt64BE(8);
      if (large > BigInt(this.maxBoxBytes)) this.fail('oversized', `'${type}' box of ${large} bytes exceeds the limit`);
      size = Number(large);
      headerSize = 16;
    } else if (size32 === 0) {
      // "Extends to end of file" has no meaning in an endless live stream.
      this.fail('invalid-size', `'${type}' box with size 0 (to end of file) is not supported in a stream`);
    }
    if (size < headerSize) this.fail('invalid-size', `'${type}' box size ${size} is smaller than its header`);
    if (size > this.maxBoxBytes) this.fail('oversized', `'${type}' box of ${size} bytes exceeds the limit`);
    return { type, size, headerSize };
  }

  private fail(code: Mp4BoxErrorCode, message: string): never {
    const at = this.offset;
    this.reset();
    throw new Mp4BoxError(code, `${message} (at stream offset ${at})`);
  }

  /** Copies the first n buffered bytes without consuming them (n ≤ 16, only for headers). */
  private peek(n: number): Buffer {
    const first = this.chunks[0];
    if (first && first.length >= n) return first.subarray(0, n);
    const out = Buffer.alloc(n);
    let filled = 0;
    for (const c of this.chunks) {
      filled += c.copy(out, filled, 0, Math.min(c.length, n - filled));
      if (filled === n) break;
    }
    return out;
  }

  /** Consumes n bytes; zero-copy when they sit in the first chunk. */
  private take(n: number): Buffer {
    this.buffered -= n;
    const first = this.chunks[0];
    if (first && first.length >= n) {
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
      return first.subarray(0, n);
    }
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    let used = 0;
    while (filled < n) {
      const c = this.chunks[used] as Buffer;
      const k = Math.min(c.length, n - filled);
      c.copy(out, filled, 0, k);
      filled += k;
      if (k === c.length) used++;
      else this.chunks[used] = c.subarray(k);
    }
    this.chunks.splice(0, used);
    return out;
  }
}
