/**
 * Rolling FNV-1a 64-bit hash over quantised integers, without BigInt (four 16-bit limbs), so it is cheap enough to
 * run every tick. The simulator feeds it quantised poses and readings; the same run gives the same hex string in
 * every process and in Chromium.
 */
export class StateHash {
  // Limbs of the 64-bit state, least significant first. Offset basis 0xcbf29ce484222325.
  private h0 = 0x2325;
  private h1 = 0x8422;
  private h2 = 0x9ce4;
  private h3 = 0xcbf2;

  /** Mixes one byte (0–255). */
  private byte(b: number): void {
    this.h0 ^= b & 0xff;
    // Multiply by the FNV prime 0x100000001b3 = 2^40 + 0x1b3, limb by limb.
    const t0 = this.h0 * 0x1b3;
    let t1 = this.h1 * 0x1b3;
    let t2 = this.h2 * 0x1b3 + (this.h0 << 8);
    let t3 = this.h3 * 0x1b3 + (this.h1 << 8);
    t1 += t0 >>> 16;
    t2 += t1 >>> 16;
    t3 += t2 >>> 16;
    this.h0 = t0 & 0xffff;
    this.h1 = t1 & 0xffff;
    this.h2 = t2 & 0xffff;
    this.h3 = t3 & 0xffff;
  }

  /** Mixes a 32-bit integer (little-endian bytes). Callers quantise floats first (`Math.round(x * scale)`). */
  int(v: number): void {
    const u = v | 0;
    this.byte(u);
    this.byte(u >>> 8);
    this.byte(u >>> 16);
    this.byte(u >>> 24);
  }

  /** Mixes a string (UTF-16 code units, low byte then high byte). */
  str(s: string): void {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      this.byte(c);
      this.byte(c >>> 8);
    }
    this.byte(0);
  }

  /** 16 lowercase hex digits. */
  hex(): string {
    return [this.h3, this.h2, this.h1, this.h0].map((l) => l.toString(16).padStart(4, '0')).join('');
  }
}

/** Quantises metres to integer tenths of a millimetre (hash and trace resolution). */
export const qMetres = (m: number): number => Math.round(m * 10000);
/** Quantises degrees to integer hundredths of a degree. */
export const qDeg = (deg: number): number => Math.round(deg * 100);
