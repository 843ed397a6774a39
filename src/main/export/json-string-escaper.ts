/**
 * Byte-level escaping of JSON text into the body of a JSON string, the way `JSON.stringify`
 * escapes: a frame embedded raw in a recording line becomes the `data` string of a HAR message
 * without decoding it to a string, stringifying and encoding it again (profiled: that round trip
 * was most of a HAR export's time). The input must be valid UTF-8 (the scanner checks every
 * segment), so only `"`, `\` and control characters need escaping; every other byte, multi-byte
 * sequences included, is copied as it is, which is what JSON.stringify's output encoded as UTF-8 is.
 *
 * The copy runs in a tiny WebAssembly function that looks at 16 bytes at a time (SIMD) and copies
 * them whole when none needs escaping — JavaScript has no native call that does this. Its memory
 * is fixed at creation, so the Buffers over it never move; segments are read straight into it.
 */

/** SIMD and plain opcodes used below (WebAssembly binary format). */
const OP = {
  block: 0x02, loop: 0x03, if: 0x04, else: 0x05, end: 0x0b, br: 0x0c, brIf: 0x0d, return: 0x0f, void: 0x40,
  get: 0x20, set: 0x21, tee: 0x22, load8u: 0x2d, store8: 0x3a, const: 0x41,
  eqz: 0x45, eq: 0x46, ltU: 0x49, leU: 0x4d, geU: 0x4f, add: 0x6a, or: 0x72, simd: 0xfd
} as const
const SIMD = { load: 0x00, store: 0x0b, splat8: 0x0f, eq8: 0x23, ltU8: 0x26, or: 0x50, anyTrue: 0x53 } as const

/** Locals: 0 src, 1 end, 2 dst (parameters); 3 byte, 4 end of the bytes done one by one; 5–7 the splatted `"`, `\`, 0x20; 8 a 16-byte block. */
function escapeBody(): number[] {
  const { get, set, tee, simd } = OP
  const v = (op: number, ...rest: number[]): number[] => [simd, op, ...rest]
  const mem = [0x00, 0x00]
  const c = (value: number): number[] => (value === 0x5c ? [OP.const, 0xdc, 0x00] : [OP.const, value & 0x7f])
  return [
    ...c(0x22), ...v(SIMD.splat8), set, 5,
    ...c(0x5c), ...v(SIMD.splat8), set, 6,
    ...c(0x20), ...v(SIMD.splat8), set, 7,
    OP.block, OP.void,
    OP.loop, OP.void,
    // A whole block of 16 left: copy it; done with it when nothing in it needs escaping.
    get, 0, ...c(16), OP.add, get, 1, OP.leU,
    OP.if, OP.void,
    get, 0, ...v(SIMD.load, ...mem), set, 8,
    get, 2, get, 8, ...v(SIMD.store, ...mem),
    get, 8, get, 5, ...v(SIMD.eq8), get, 8, get, 6, ...v(SIMD.eq8), ...v(SIMD.or), get, 8, get, 7, ...v(SIMD.ltU8), ...v(SIMD.or),
    ...v(SIMD.anyTrue), OP.eqz,
    OP.if, OP.void,
    get, 0, ...c(16), OP.add, set, 0,
    get, 2, ...c(16), OP.add, set, 2,
    OP.br, 2,
    OP.end,
    get, 0, ...c(16), OP.add, set, 4,
    OP.else,
    // The tail (under 16 bytes), or the end.
    get, 0, get, 1, OP.geU, OP.brIf, 2,
    get, 1, set, 4,
    OP.end,
    // Byte by byte up to local 4: `"` and `\` get a backslash; a control character is left to the caller (-1).
    OP.loop, OP.void,
    get, 0, OP.load8u, ...mem, tee, 3, ...c(0x20), OP.ltU,
    OP.if, OP.void, OP.const, 0x7f, OP.return, OP.end,
    get, 3, ...c(0x22), OP.eq, get, 3, ...c(0x5c), OP.eq, OP.or,
    OP.if, OP.void,
    get, 2, ...c(0x5c), OP.store8, ...mem,
    get, 2, ...c(1), OP.add, set, 2,
    OP.end,
    get, 2, get, 3, OP.store8, ...mem,
    get, 2, ...c(1), OP.add, set, 2,
    get, 0, ...c(1), OP.add, tee, 0, get, 4, OP.ltU, OP.brIf, 0,
    OP.end,
    OP.br, 0,
    OP.end,
    OP.end,
    get, 2,
    OP.end
  ]
}

function leb(value: number): number[] {
  const bytes: number[] = []
  do {
    let byte = value & 0x7f
    value >>>= 7
    if (value !== 0) byte |= 0x80
    bytes.push(byte)
  } while (value !== 0)
  return bytes
}

const section = (id: number, contents: number[]): number[] => [id, ...leb(contents.length), ...contents]
const name = (text: string): number[] => [...leb(text.length), ...Buffer.from(text, 'latin1')]

/** The module: imports its memory as `e.m`, exports `escape(src, end, dst) → dst end, or -1`. */
function moduleBytes(): Uint8Array {
  const i32 = 0x7f
  const body = [0x02, 0x02, i32, 0x04, 0x7b, ...escapeBody()]
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [0x01, 0x60, 0x03, i32, i32, i32, 0x01, i32]),
    ...section(2, [0x01, ...name('e'), ...name('m'), 0x02, 0x00, 0x01]),
    ...section(3, [0x01, 0x00]),
    ...section(7, [0x01, ...name('escape'), 0x00, 0x00]),
    ...section(10, [0x01, ...leb(body.length), ...body])
  ])
}

/** The part of the WebAssembly API used here (the Node typings this project builds with do not declare it). */
type WasmMemory = { readonly buffer: ArrayBuffer }
type WasmApi = {
  Module: new (bytes: Uint8Array) => object
  Memory: new (descriptor: { initial: number }) => WasmMemory
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> }
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly

let compiled: object | null = null

/** Bytes a WebAssembly page holds. */
const PAGE = 64 * 1024
/** Room after the last buffer: a 16-byte block is stored whole before it is known to fit. */
const SLACK = 16

/**
 * One export's escaper and the memory it works in: `allocate` hands out Buffers over that memory
 * (segments to read into, output to write from); `escape` copies bytes between two of them.
 */
export class JsonStringEscaper {
  private readonly memory: WasmMemory
  private readonly run: (src: number, end: number, dst: number) => number
  private readonly base: number
  private used = 0

  /** `bytes`: everything `allocate` will be asked for, in all. */
  constructor(bytes: number) {
    compiled ??= new wasm.Module(moduleBytes())
    this.memory = new wasm.Memory({ initial: Math.ceil((bytes + SLACK + PAGE) / PAGE) })
    const instance = new wasm.Instance(compiled, { e: { m: this.memory } })
    this.run = instance.exports.escape as (src: number, end: number, dst: number) => number
    // Offset 0 is kept unused, so no buffer starts at address 0.
    this.base = PAGE
  }

  /** A Buffer of `bytes` inside the escaper's memory (never moves, never freed before the escaper). */
  allocate(bytes: number): Buffer {
    const at = this.base + this.used
    if (at + bytes + SLACK > this.memory.buffer.byteLength) throw new Error(`escaper memory exhausted (${bytes} more bytes asked)`)
    this.used += bytes
    return Buffer.from(this.memory.buffer, at, bytes)
  }

  /** Is `buffer` inside this escaper's memory (so `escape` can read or write it)? */
  owns(buffer: Buffer): boolean {
    return buffer.buffer === this.memory.buffer
  }

  /**
   * Escape `from[start, end)` into `to` at `at`, as inside a JSON string (no quotes added).
   * Returns where the output ends, or -1 when the text holds a control character (the caller
   * escapes that one another way). `to` must have room for twice the input plus 16 bytes.
   */
  escape(from: Buffer, start: number, end: number, to: Buffer, at: number): number {
    const result = this.run(from.byteOffset + start, from.byteOffset + end, to.byteOffset + at)
    return result < 0 ? -1 : result - to.byteOffset
  }
}
