import { describe, expect, it } from 'vitest'
import { formatBytes, formatCount, GROUP_SEPARATOR } from './count'

describe('formatCount', () => {
  it('groups thousands with a narrow no-break space, which never breaks a value across lines', () => {
    expect(GROUP_SEPARATOR).toBe('\u202f')
    expect(formatCount(0)).toBe('0')
    expect(formatCount(999)).toBe('999')
    expect(formatCount(1000)).toBe('1\u202f000')
    expect(formatCount(1_234_567)).toBe('1\u202f234\u202f567')
    expect(formatCount(-100_000)).toBe('-100\u202f000')
    expect(formatCount(12.9)).toBe('12')
    expect(formatCount(1_000_000)).not.toMatch(/ /)
  })
})

describe('formatBytes', () => {
  it('uses binary multiples', () => {
    expect(formatBytes(812)).toBe('812 B')
    expect(formatBytes(3482)).toBe('3.4 KB')
    expect(formatBytes(12 * 1024 * 1024)).toBe('12.0 MB')
    expect(formatBytes(2000 * 1024 * 1024)).toBe('2\u202f000.0 MB')
  })
})
