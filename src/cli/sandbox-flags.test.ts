import { describe, expect, it } from 'vitest'
import { checkEventStyle } from './sandbox-flags'
import { UsageError } from './usage-error'

describe('--event-style', () => {
  it('accepts the sandbox event styles and refuses anything else with the list', () => {
    expect(() => checkEventStyle('wrapped')).not.toThrow()
    expect(() => checkEventStyle('five-from-every-agent')).not.toThrow()
    expect(() => checkEventStyle(undefined)).not.toThrow()
    expect(() => checkEventStyle('five')).toThrow(UsageError)
    expect(() => checkEventStyle('five')).toThrow('unknown event style "five"; one of: wrapped, five-from-every-agent')
  })
})
