import { describe, expect, it } from 'vitest'
import { REDACTED, SecretRedactor } from './secret-redactor'

describe('SecretRedactor', () => {
  const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnbmF0dXJl+/='
  it('masks the raw, base64url and percent-encoded forms', () => {
    const redactor = new SecretRedactor()
    redactor.add(token)
    const b64 = btoa(token).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
    expect(redactor.redact(`Bearer ${token}`)).toBe(`Bearer ${REDACTED}`)
    expect(redactor.redact(`jwt.${b64}`)).toBe(`jwt.${REDACTED}`)
    expect(redactor.redact(`/ws?token=${encodeURIComponent(token)}&x=1`)).toBe(`/ws?token=${REDACTED}&x=1`)
  })
  it('leaves text without secrets alone and ignores too-short secrets', () => {
    const redactor = new SecretRedactor()
    redactor.add('short')
    expect(redactor.size).toBe(0)
    expect(redactor.redact('a short story')).toBe('a short story')
  })
  it('redacts header values', () => {
    const redactor = new SecretRedactor()
    redactor.add(token)
    expect(redactor.redactHeaders({ authorization: `Bearer ${token}`, host: 'x' })).toEqual({
      authorization: `Bearer ${REDACTED}`,
      host: 'x'
    })
  })
})
