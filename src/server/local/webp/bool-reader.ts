/**
 * The VP8 boolean entropy decoder (RFC 6386 section 7), after libwebp's bit_reader
 * (Copyright 2010 Google Inc., BSD licence). Past the end of its partition it reads zeros and
 * raises `eof`, which the frame decoder turns into an error: a truncated partition never hangs.
 */
export class BoolReader {
  /** Bits not yet consumed; the top 8 significant ones are compared with the split. */
  private value = 0;
  /** range - 1, kept in [126, 254] after normalisation. */
  private range = 254;
  /** How many bits below the top byte of `value` are still unread (negative: load more). */
  private bits = -8;
  private pos: number;
  eof = false;

  constructor(private readonly buf: Uint8Array, start: number, private readonly end: number) {
    this.pos = start;
  }

  private load(): void {
    const { buf } = this;
    if (this.pos + 2 <= this.end) {
      this.value = (this.value << 16) | (buf[this.pos]! << 8) | buf[this.pos + 1]!;
      this.pos += 2;
      this.bits += 16;
    } else if (this.pos < this.end) {
      this.value = (this.value << 8) | buf[this.pos++]!;
      this.bits += 8;
    } else if (!this.eof) {
      this.value <<= 8;
      this.bits += 8;
      this.eof = true;
    } else {
      // Already failed: keep returning something cheap until the caller notices `eof`.
      this.value = 0;
      this.bits = 0;
    }
  }

  /** One bit whose probability of being 0 is prob/256. */
  bit(prob: number): number {
    if (this.bits < 0) this.load();
    let range = this.range;
    const pos = this.bits;
    const split = (range * prob) >>> 8;
    const value = this.value >>> pos;
    let bit: number;
    if (value > split) {
      range -= split;
      this.value -= (split + 1) << pos;
      bit = 1;
    } else {
      range = split + 1;
      bit = 0;
    }
    // Renormalise so that range is back in [128, 255].
    const shift = Math.clz32(range) - 24;
    this.range = (range << shift) - 1;
    this.bits -= shift;
    return bit;
  }

  /** n-bit unsigned literal, most significant bit first, each bit at probability 1/2. */
  literal(n: number): number {
    let v = 0;
    while (n-- > 0) v |= this.bit(0x80) << n;
    return v;
  }

  /** A flag-guarded signed n-bit value (0 when the flag is clear), as the frame header codes deltas. */
  optionalSigned(n: number): number {
    if (!this.bit(0x80)) return 0;
    const v = this.literal(n);
    return this.bit(0x80) ? -v : v;
  }
}
