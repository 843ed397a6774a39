import { describe, expect, it } from 'vitest'
import { faultProblem, validateFaults } from './fault-set'

describe('faultProblem: the one rule for fault entries', () => {
  it('accepts known ids and slow-llm with a millisecond parameter', () => {
    expect(faultProblem('database-down')).toBeNull()
    expect(faultProblem('slow-llm:5500')).toBeNull()
  })
  it('names unknown ids and bad parameters apart', () => {
    expect(faultProblem('gremlins')).toEqual({ kind: 'unknown-fault', entry: 'gremlins' })
    expect(faultProblem('slow-llm:soon')).toEqual({ kind: 'bad-parameter', entry: 'slow-llm:soon' })
    expect(faultProblem('token-rejected:5')).toEqual({ kind: 'bad-parameter', entry: 'token-rejected:5' })
  })
  it('is what the sandbox itself enforces', () => {
    expect(() => validateFaults(['gremlins'])).toThrow(/Unknown sandbox fault: gremlins/)
    expect(() => validateFaults(['slow-llm:soon'])).toThrow(/Invalid sandbox fault parameter: slow-llm:soon/)
  })
})
