import { describe, expect, it } from 'vitest'
import { formatDuration, formatOffset } from './duration'

describe('formatDuration', () => {
  it.each([
    [0, '0.0 ms'],
    [0.04, '0.0 ms'],
    [0.7, '0.7 ms'],
    [349.74, '349.7 ms'],
    [999.9, '999.9 ms'],
    // The boundaries: a value that rounds up to the next unit is written in that unit.
    [999.96, '1.00 s'],
    [1000, '1.00 s'],
    [1349.7, '1.35 s'],
    [9994, '9.99 s'],
    [9995, '10.0 s'],
    [12_345, '12.3 s'],
    [59_949, '59.9 s'],
    [59_960, '1 min'],
    [60_000, '1 min'],
    [725_000, '12 min 5 s'],
    [3_599_600, '1 h'],
    [3_600_000, '1 h'],
    [7_380_000, '2 h 3 min'],
    [1000 * 3_600_000, '1000 h']
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text)
  })

  it('writes a negative duration with a leading minus, and never "-0.0 ms"', () => {
    expect(formatDuration(-349.7)).toBe('-349.7 ms')
    expect(formatDuration(-1349.7)).toBe('-1.35 s')
    expect(formatDuration(-725_000)).toBe('-12 min 5 s')
    expect(formatDuration(-0.01)).toBe('0.0 ms')
  })

  it('never puts a space inside a number, so no value can be read as two', () => {
    for (let ms = 0.3; ms < 10 * 3_600_000; ms *= 1.7) expect(formatDuration(ms)).toMatch(/^\d+(\.\d+)? (ms|s|min|h)( \d+ (s|min))?$/)
  })

  it('passes a non-finite value through as it is', () => {
    expect(formatDuration(Number.NaN)).toBe('NaN')
    expect(formatOffset(Number.POSITIVE_INFINITY)).toBe('Infinity')
  })
})

describe('formatOffset', () => {
  it('signs every offset', () => {
    expect(formatOffset(0)).toBe('+0.0 ms')
    expect(formatOffset(349.7)).toBe('+349.7 ms')
    expect(formatOffset(1349.7)).toBe('+1.35 s')
    expect(formatOffset(725_000)).toBe('+12 min 5 s')
    expect(formatOffset(-2000)).toBe('-2.00 s')
  })
})
