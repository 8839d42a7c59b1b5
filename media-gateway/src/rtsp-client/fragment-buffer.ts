/** Collects the pieces of one fragmented NAL unit (FU-A, H.265 FU) within MAX_NAL_BYTES. */
import { MAX_NAL_BYTES } from './nal-units';

export class FragmentBuffer {
  private parts: Uint8Array[] = [];
  private size = 0;
  active = false;

  start(header: Uint8Array, first: Uint8Array): void {
    this.parts = [header, first];
    this.size = header.length + first.length;
    this.active = true;
  }

  /** False when the NAL would exceed the limit (the fragments are dropped). */
  append(part: Uint8Array): boolean {
    this.size += part.length;
    if (this.size > MAX_NAL_BYTES) {
      this.reset();
      return false;
    }
    this.parts.push(part);
    return true;
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.size);
    let o = 0;
    for (const p of this.parts) {
      out.set(p, o);
      o += p.length;
    }
    this.reset();
    return out;
  }

  reset(): void {
    this.parts = [];
    this.size = 0;
    this.active = false;
  }
}
