import { describe, expect, it } from 'vitest'
import { expiryText, formatClock, formatClockPrecise, formatSpan, formatUtc, formatUtcPrecise, relativeTime } from './relative-time'

describe('coarse spans', () => {
  it('floors to two units', () => {
    expect(formatSpan(59_999)).toBe('59 s')
    expect(formatSpan(119 * 60_000 + 59_000)).toBe('1 h 59 min')
    expect(formatSpan(76 * 3_600_000)).toBe('3 d 4 h')
    expect(expiryText(10 * 60_000, 0)).toBe('expires in 10 min')
    expect(relativeTime(0, 3 * 60_000)).toBe('3 min ago')
  })
})

describe('instants', () => {
  it('gives the local clock and the UTC time of the same instant', () => {
    const at = Date.UTC(2025, 8, 14, 10, 0, 7, 42)
    const local = new Date(at)
    expect(formatClock(at)).toBe([local.getHours(), local.getMinutes(), local.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':'))
    expect(formatClockPrecise(at)).toBe(`${formatClock(at)}.042`)
    expect(formatUtc(at)).toBe('2025-09-14 10:00:07 UTC')
    expect(formatUtcPrecise(at)).toBe('2025-09-14 10:00:07.042 UTC')
  })
})
