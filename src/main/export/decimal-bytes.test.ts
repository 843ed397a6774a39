import { describe, expect, it } from 'vitest'
import { writeDecimal } from './decimal-bytes'

const out = Buffer.alloc(64)

/** What writeDecimal writes for `value`, or null when it declines. */
function written(value: number): string | null {
  const end = writeDecimal(value, out, 3)
  return end < 0 ? null : out.toString('latin1', 3, end)
}

/** A small deterministic generator (the cases are the same on every run). */
function generator(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
}

describe('writing a number as JavaScript prints it', () => {
  it('writes what `${value}` writes for HAR times: epoch ms plus an offset to the microsecond (the recorder stamps tenths), over 1 000', () => {
    const random = generator(7)
    let fast = 0
    for (let i = 0; i < 200_000; i++) {
      const wallClock = Math.floor(1_600_000_000_000 + random() * 300_000_000_000)
      const decimals = Math.floor(random() * 4)
      const t = Math.round(random() * 10 ** (3 + decimals) * 10_000) / 10 ** decimals
      const value = (wallClock + t) / 1000
      const text = written(value)
      if (text !== null) fast++
      expect(text ?? `${value}`, `${wallClock} + ${t}`).toBe(`${value}`)
    }
    // Most take the fast way (else it would save nothing); the rest print more than 6 decimals in JavaScript too.
    expect(fast).toBeGreaterThan(140_000)
  })

  it('writes what `${value}` writes, or declines, for any double in and around its range', () => {
    const random = generator(11)
    const values = [1, 1.5, 9.999999, 10, 0.5, 0, -1, 2 ** 33, 2 ** 33 - 0.5, 2 ** 33 - 1e-6, 1e21, Number.NaN, Number.POSITIVE_INFINITY, 1796162287.5316, 1796162287.000001, 123.456789, 100.1]
    for (let i = 0; i < 100_000; i++) {
      values.push(random() * 2 ** (random() * 40))
      values.push(Math.round(random() * 1e12) / 10 ** Math.floor(random() * 9))
    }
    for (const value of values) {
      const text = written(value)
      if (text !== null) expect(text, String(value)).toBe(`${value}`)
    }
    expect(written(1796162287.5316)).toBe('1796162287.5316')
    expect(written(0.5)).toBeNull()
    expect(written(Number.NaN)).toBeNull()
  })

  it('declines when the number does not fit before the end of the output', () => {
    expect(writeDecimal(1796162287.5316, out, out.length - 5)).toBe(-1)
    expect(writeDecimal(12.5, out, out.length - 4)).toBe(out.length)
  })
})
