import type { TokenRecord } from '../../../../shared/api/frame-record'
import { FrameLink } from './EvidenceList'
import { expiryText, formatUtc } from '../../lib/relative-time'

function audience(aud: TokenRecord['claims']['aud']): string | null {
  if (aud === null) return null
  return Array.isArray(aud) ? aud.join(', ') : aud
}

function Claim({ name, value, note, tone }: { name: string; value: string | null; note?: string; tone?: 'bad' | 'warn' }) {
  return (
    <>
      <dt>{name}</dt>
      <dd className="mono" data-testid={`claim-${name}`}>
        {value ?? <span className="muted">(missing)</span>}
        {note ? <span className={`claim-note${tone ? ` tone-${tone}` : ''}`}> · {note}</span> : null}
      </dd>
    </>
  )
}

/**
 * The token's non-secret claims, decoded locally (never the token itself): who, which
 * environment, issuer, audience and when it expires, relative to `nowMs`.
 */
export function TokenClaims({ token, nowMs }: { token: TokenRecord | null; nowMs: number }) {
  if (!token) {
    return (
      <section className="overview-section" aria-label="Token" data-testid="token-claims">
        <h3 className="section-title">Token</h3>
        <p className="section-empty">No token was presented (auth method “none”, or not recorded).</p>
      </section>
    )
  }
  const { claims } = token
  const expMs = claims.exp === null ? null : claims.exp * 1000
  const expiry = expMs === null ? null : expiryText(expMs, nowMs)
  const soon = expMs !== null && expMs - nowMs < 5 * 60_000
  return (
    <section className="overview-section" aria-label="Token" data-testid="token-claims">
      <h3 className="section-title">
        Token <span className="section-count">{token.source}</span>
        <FrameLink seq={token.seq} />
      </h3>
      {token.decodable ? (
        <dl className="kv claims">
          <Claim name="sub" value={claims.sub} note={claims.email ?? undefined} />
          <Claim name="env" value={claims.env} />
          <Claim name="iss" value={claims.iss} />
          <Claim name="aud" value={audience(claims.aud)} />
          <Claim
            name="exp"
            value={expMs === null ? null : formatUtc(expMs)}
            note={expiry ?? undefined}
            tone={expMs !== null && expMs < nowMs ? 'bad' : soon ? 'warn' : undefined}
          />
          {claims.token_type ? <Claim name="type" value={claims.token_type} /> : null}
        </dl>
      ) : (
        <p className="section-empty error-text">The token could not be decoded: it is not a readable JWT.</p>
      )}
    </section>
  )
}
