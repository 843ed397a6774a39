import { decodeJwt } from 'jose'
import type { FrameRecordDraft, TokenRecord } from '../../shared/api/frame-record'

type Claims = TokenRecord['claims']

const NO_CLAIMS: Claims = {
  sub: null,
  email: null,
  env: null,
  iss: null,
  aud: null,
  token_type: null,
  iat: null,
  exp: null,
  hasJti: false
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null
}

function seconds(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

function audience(value: unknown): Claims['aud'] {
  if (typeof value === 'string') return value
  if (Array.isArray(value) && value.every((entry) => typeof entry === 'string')) return value as string[]
  return null
}

/**
 * The `token` record for a credential: its non-secret claims, decoded locally without the
 * signing secret (jose's `decodeJwt`). The token itself never enters the record; anything
 * that is not a readable JWT gives `decodable: false` and empty claims.
 */
export function tokenRecordDraft(
  token: string,
  source: string
): Extract<FrameRecordDraft, { kind: 'token' }> {
  let payload: Record<string, unknown>
  try {
    payload = decodeJwt(token.trim().replace(/^bearer\s+/i, ''))
  } catch {
    return { kind: 'token', dir: 'local', source, decodable: false, claims: { ...NO_CLAIMS } }
  }
  return {
    kind: 'token',
    dir: 'local',
    source,
    decodable: true,
    claims: {
      sub: text(payload.sub),
      email: text(payload.email),
      env: text(payload.env),
      iss: text(payload.iss),
      aud: audience(payload.aud),
      token_type: text(payload.token_type),
      iat: seconds(payload.iat),
      exp: seconds(payload.exp),
      hasJti: text(payload.jti) !== null
    }
  }
}
