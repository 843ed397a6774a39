import { describe, expect, it } from 'vitest'
import { describeCloseCode } from './close-code-catalog'

describe('describeCloseCode', () => {
  it('knows RFC 6455 and marks the reserved local-only codes', () => {
    expect(describeCloseCode(1000).name).toBe('Normal Closure')
    for (const code of [1005, 1006, 1015]) expect(describeCloseCode(code).localOnly).toBe(true)
    expect(describeCloseCode(1011).localOnly).toBe(false)
  })
  it('knows the IANA additions', () => {
    expect(describeCloseCode(1012)).toMatchObject({ name: 'Service Restart', source: 'iana' })
    expect(describeCloseCode(1014)).toMatchObject({ name: 'Bad Gateway', source: 'iana' })
  })
  it('classifies the ranges', () => {
    expect(describeCloseCode(3001).source).toBe('library')
    expect(describeCloseCode(4404).source).toBe('application')
    expect(describeCloseCode(2000).source).toBe('unassigned')
    expect(describeCloseCode(999).name).toBe('Invalid')
    expect(describeCloseCode(5000).name).toBe('Invalid')
  })
})
