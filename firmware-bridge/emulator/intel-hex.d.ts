// Types for intel-hex 0.2 (the package ships none): only the parser this folder uses.
declare module 'intel-hex' {
  interface ParsedHex {
    /** Bytes from address 0 (gaps filled with 0xff up to the highest address written). */
    readonly data: Buffer;
    readonly startSegmentAddress: number | null;
    readonly startLinearAddress: number | null;
  }
  const intelHex: { parse(data: string | Buffer, bufferSize?: number, addressOffset?: number): ParsedHex };
  export default intelHex;
}
