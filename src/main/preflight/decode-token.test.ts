import { SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { TokenRecordSchema } from '../../shared/api/frame-record'
import { tokenRecordDraft } from './decode-token'

const secret = new TextEncoder().encode('not-the-server-secret')

async function mint(payload: Record<string, unknown>): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(secret)
}

describe('tokenRecordDraft', () => {
  it('decodes the claims without the secret, and never keeps the token', async () => {
    const token = await mint({
      sub: 'u-1',
      email: 'a@b.c',
      env: 'staging',
      iss: 'netra-auth-service',
      aud: 'netra-platform',
      token_type: 'access',
      iat: 1757844000,
      exp: 1757845800,
      jti: 'j-1',
      permissions: ['read']
    })
    const draft = tokenRecordDraft(token, 'env:NETRA_DIAG_TOKEN')
    expect(draft).toEqual({
      kind: 'token',
      dir: 'local',
      source: 'env:NETRA_DIAG_TOKEN',
      decodable: true,
      claims: {
        sub: 'u-1',
        email: 'a@b.c',
        env: 'staging',
        iss: 'netra-auth-service',
        aud: 'netra-platform',
        token_type: 'access',
        iat: 1757844000,
        exp: 1757845800,
        hasJti: true
      }
    })
    const serialised = JSON.stringify(draft)
    for (const part of token.split('.')) expect(serialised).not.toContain(part)
    expect(TokenRecordSchema.safeParse({ ...draft, seq: 0, t: 0 }).success).toBe(true)
  })

  it('keeps missing or oddly typed claims as null, and an audience list as a list', async () => {
    const draft = tokenRecordDraft(
      await mint({ sub: 42, aud: ['x', 'netra-platform'], exp: 'soon' }),
      'credential:ops'
    )
    expect(draft.claims).toMatchObject({
      sub: null,
      aud: ['x', 'netra-platform'],
      exp: null,
      iat: null,
      hasJti: false,
      env: null
    })
  })

  it('accepts a pasted "Bearer " prefix', async () => {
    expect(tokenRecordDraft(`Bearer ${await mint({ sub: 'u' })}`, 's').decodable).toBe(true)
  })

  it.each(['', 'garbage', 'a.b.c', 'eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.sig'])(
    '"%s" is not decodable',
    (token) => {
      const draft = tokenRecordDraft(token, 's')
      expect(draft.decodable).toBe(false)
      expect(Object.values(draft.claims).filter((value) => value !== null && value !== false)).toEqual([])
    }
  )
})
