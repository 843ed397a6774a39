import fc from 'fast-check'
import { encodeFrame } from './raw-ws-client'

/**
 * fast-check generators of what a hostile client can write after the upgrade: random frames
 * (any bits, opcodes, lengths, masking), valid calls mutated byte by byte, and valid calls.
 */

/** A frame with every header field random, its declared length sometimes lying. */
const randomFrame = fc
  .record({
    fin: fc.boolean(),
    rsv: fc.integer({ min: 0, max: 7 }),
    opcode: fc.integer({ min: 0, max: 15 }),
    masked: fc.boolean(),
    payload: fc.uint8Array({ maxLength: 300 }),
    lie: fc.option(fc.oneof(fc.integer({ min: 0, max: 70_000 }), fc.constantFrom(2 ** 32, 2 ** 53, 2 ** 63)), { freq: 4 })
  })
  .map(({ lie, payload, ...rest }) =>
    encodeFrame({ ...rest, payload: Buffer.from(payload), declaredLength: lie === null ? undefined : BigInt(lie) })
  )

/** A well-formed call frame, as a browser would send it (sometimes fragmented). */
const validCall = fc
  .record({ id: fc.integer(), method: fc.constantFrom('app.info', 'session.list', 'nope', 'sandbox.status'), fragment: fc.boolean() })
  .map(({ id, method, fragment }) => {
    const body = Buffer.from(JSON.stringify({ id, method, params: {} }))
    if (!fragment) return encodeFrame({ opcode: 1, payload: body })
    const cut = Math.floor(body.length / 2)
    return Buffer.concat([encodeFrame({ opcode: 1, fin: false, payload: body.subarray(0, cut) }), encodeFrame({ opcode: 0, payload: body.subarray(cut) })])
  })

/** A valid call with some bytes flipped, cut short or extended. */
const mutatedCall = fc
  .record({
    frame: validCall,
    flips: fc.array(fc.record({ at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }), { maxLength: 4 }),
    cut: fc.option(fc.nat(), { freq: 3 }),
    tail: fc.uint8Array({ maxLength: 16 })
  })
  .map(({ frame, flips, cut, tail }) => {
    const bytes = Buffer.from(frame)
    for (const { at, xor } of flips) bytes[at % bytes.length] ^= xor
    const kept = cut === null ? bytes : bytes.subarray(0, cut % (bytes.length + 1))
    return Buffer.concat([kept, Buffer.from(tail)])
  })

/** What one hostile client writes: 1–6 frames of any of the three kinds, concatenated. */
export const hostileClientBytes: fc.Arbitrary<{ bytes: Buffer; frames: number }> = fc
  .array(fc.oneof({ arbitrary: randomFrame, weight: 3 }, { arbitrary: mutatedCall, weight: 3 }, { arbitrary: validCall, weight: 1 }), {
    minLength: 1,
    maxLength: 6
  })
  .map((frames) => ({ bytes: Buffer.concat(frames), frames: frames.length }))
