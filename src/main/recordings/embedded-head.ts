import { MAX_RECORD_TIME_MS } from '../../shared/session-log/record-shape'

/** 10^k for k = 0…6: the fraction digits of a time to the microsecond (read here, written by the export's `writeDecimal`). */
export const POWERS = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000]

/** Directions by their number in {@link EmbeddedHead.dir}. */
export const DIRECTIONS = ['in', 'out', 'local'] as const

/**
 * What the head of a line that embeds a frame says: filled in place by {@link readEmbeddedHead}
 * (one object per scan, not one per line: a million-line file made a million short-lived objects).
 */
export type EmbeddedHead = {
  seq: number
  t: number
  /** Index into {@link DIRECTIONS}. */
  dir: number
  size: number
  /** Where the frame's JSON starts; it runs to the byte before the line's closing brace. */
  jsonStart: number
}

/** A fresh head to fill. */
export const emptyHead = (): EmbeddedHead => ({ seq: 0, t: 0, dir: 0, size: 0, jsonStart: 0 })

/** The head's fixed parts, byte for byte, as `embeddedLineHead` writes them. */
const SEQ = part('{"seq":')
const T = part(',"t":')
const DIR = part(',"dir":"')
const KIND = part('","kind":"message","opcode":1,"encoding":"utf8","size":')
const JSON_OBJECT = part(',"json":{')
const DIRECTION_BYTES = DIRECTIONS.map((dir) => part(`${dir}"`))
const CLOSE_BRACE = 0x7d
const DOT = 0x2e
/** Shortest line the recorder writes for an embedded frame (head, `{}` and the closing brace). */
const SHORTEST_LINE = 80

/** A fixed part of the head, with its bytes also as little-endian 32-bit words (compared four at a time). */
type Part = { bytes: Buffer; words: Uint32Array; length: number }

function part(text: string): Part {
  const bytes = Buffer.from(text, 'latin1')
  const words = new Uint32Array(bytes.length >> 2)
  for (let i = 0; i < words.length; i++) words[i] = bytes.readUInt32LE(i * 4)
  return { bytes, words, length: bytes.length }
}

/**
 * Does `buffer` hold `part` at `at`? Four bytes per step through a DataView, which the optimising
 * compiler turns into single loads; `view` is a DataView of all of `buffer` (byte by byte, the head's 70-odd fixed bytes took ~20 % longer).
 */
function holds(buffer: Buffer, view: DataView, at: number, fixed: Part, end: number): boolean {
  if (at + fixed.length > end) return false
  const words = fixed.words
  for (let i = 0; i < words.length; i++) if (view.getUint32(at + i * 4, true) !== words[i]) return false
  const bytes = fixed.bytes
  for (let i = words.length * 4; i < fixed.length; i++) if (buffer[at + i] !== bytes[i]) return false
  return true
}

/** Where the digits read by the last {@link digitsAt} ended (a module slot: no result object per call). */
let digitsEnd = 0

/** The value of the digits from `at` (at most 17; `digitsEnd === at` when there are none). Leading zeros are refused. */
function digitsAt(buffer: Buffer, at: number, limit: number): number {
  let value = 0
  let end = at
  const stop = Math.min(limit, at + 17)
  while (end < stop) {
    const byte = buffer[end]
    if (byte < 0x30 || byte > 0x39) break
    value = value * 10 + (byte - 0x30)
    end++
  }
  digitsEnd = end - at > 1 && buffer[at] === 0x30 ? at : end
  return value
}

/**
 * Read the head of a line the recorder wrote for an embedded frame into `into`: seq, t,
 * direction, size, and where the frame starts. Cheap shape checks only (the head's fixed bytes,
 * the number ranges, an object frame closed right before the line's own brace); false sends the
 * line to the full parser. `t` is exactly what `JSON.parse` gives for the same text. A scanner
 * passes `view`, a DataView of the whole of `buffer`, made once per buffer.
 */
export function readEmbeddedHead(buffer: Buffer, start: number, end: number, into: EmbeddedHead, view = new DataView(buffer.buffer, buffer.byteOffset, buffer.length)): boolean {
  if (end - start < SHORTEST_LINE || buffer[end - 1] !== CLOSE_BRACE || buffer[end - 2] !== CLOSE_BRACE || !holds(buffer, view, start, SEQ, end)) return false
  const seqAt = start + SEQ.length
  const seq = digitsAt(buffer, seqAt, end)
  if (digitsEnd === seqAt || !holds(buffer, view, digitsEnd, T, end)) return false
  const tAt = digitsEnd + T.length
  const whole = digitsAt(buffer, tAt, end)
  if (digitsEnd === tAt) return false
  let at = digitsEnd
  let t = whole
  if (buffer[at] === DOT) {
    // A fraction as `${t}` writes one (1 to 6 digits here; anything longer goes to the full parser).
    let fraction = 0
    let fractionEnd = at + 1
    while (fractionEnd < end && fractionEnd - at <= 6 && buffer[fractionEnd] >= 0x30 && buffer[fractionEnd] <= 0x39) fraction = fraction * 10 + (buffer[fractionEnd++] - 0x30)
    if (fractionEnd === at + 1) return false
    // (whole·10^k + fraction) / 10^k is one correctly rounded division of exact integers: the same
    // double as parsing the decimal text, as long as the numerator is exact (below 2^53).
    const numerator = whole * POWERS[fractionEnd - at - 1] + fraction
    t = Number.isSafeInteger(numerator) ? numerator / POWERS[fractionEnd - at - 1] : Number(buffer.toString('latin1', tAt, fractionEnd))
    at = fractionEnd
  }
  if (!holds(buffer, view, at, DIR, end)) return false
  at += DIR.length
  let dir = 0
  while (dir < DIRECTION_BYTES.length && !holds(buffer, view, at, DIRECTION_BYTES[dir], end)) dir++
  if (dir === DIRECTION_BYTES.length) return false
  at += DIRECTION_BYTES[dir].length - 1
  if (!holds(buffer, view, at, KIND, end)) return false
  const sizeAt = at + KIND.length
  const size = digitsAt(buffer, sizeAt, end)
  if (digitsEnd === sizeAt || !holds(buffer, view, digitsEnd, JSON_OBJECT, end - 2)) return false
  if (!Number.isSafeInteger(seq) || !Number.isSafeInteger(size) || !(t <= MAX_RECORD_TIME_MS)) return false
  into.seq = seq
  into.t = t
  into.dir = dir
  into.size = size
  into.jsonStart = digitsEnd + JSON_OBJECT.length - 1
  return true
}
