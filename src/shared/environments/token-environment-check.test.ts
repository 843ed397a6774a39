import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { EnvironmentKindSchema } from '../api/frame-record'
import { checkTokenEnvironment } from './token-environment-check'

describe('checkTokenEnvironment', () => {
  it('flags a staging token used against production, and the reverse', () => {
    expect(checkTokenEnvironment('staging', 'production')).toMatchObject({ mismatch: true, tokenEnv: 'staging', expected: ['production'] })
    expect(checkTokenEnvironment('staging', 'production').note).toMatch(/staging token used against production/)
    expect(checkTokenEnvironment('production', 'staging').mismatch).toBe(true)
    expect(checkTokenEnvironment('development', 'production').mismatch).toBe(true)
  })

  it('accepts matching claims, including the usual aliases and case', () => {
    expect(checkTokenEnvironment('production', 'production').mismatch).toBe(false)
    expect(checkTokenEnvironment('PROD', 'production')).toMatchObject({ mismatch: false, tokenEnv: 'production' })
    expect(checkTokenEnvironment('stg', 'staging').mismatch).toBe(false)
    expect(checkTokenEnvironment('development', 'local').mismatch).toBe(false)
    expect(checkTokenEnvironment('test', 'local').mismatch).toBe(false)
  })

  it('never flags a missing claim, a custom or a sandbox environment', () => {
    expect(checkTokenEnvironment(null, 'production')).toMatchObject({ mismatch: false, tokenEnv: null })
    expect(checkTokenEnvironment('production', 'custom')).toMatchObject({ mismatch: false, expected: null })
    expect(checkTokenEnvironment('staging', 'sandbox').mismatch).toBe(false)
  })

  it('treats prototype-key claims as plain text', () => {
    expect(checkTokenEnvironment('__proto__', 'production')).toMatchObject({ mismatch: true, tokenEnv: '__proto__' })
    expect(checkTokenEnvironment('constructor', 'staging').mismatch).toBe(true)
  })

  it('property: a mismatch always names an expectation the claim is not in', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom('production', 'staging', 'development', 'test', 'prod', 'dev'), fc.string()), fc.constantFrom(...EnvironmentKindSchema.options), (claim, kind) => {
        const check = checkTokenEnvironment(claim, kind)
        if (check.mismatch) {
          expect(check.expected).not.toBeNull()
          expect(check.expected).not.toContain(check.tokenEnv)
        }
        if (kind === 'custom' || kind === 'sandbox') expect(check.mismatch).toBe(false)
      })
    )
  })
})
