import type { CredentialInfo } from '../../../../shared/api/credential-schemas'

/** A JWT's non-secret claims (sub, email, env), the only parts of a token this window ever sees. */
export function ClaimsLine({ claims }: { claims: NonNullable<CredentialInfo['claims']> }) {
  const entries: [string, string | null][] = [
    ['sub', claims.sub],
    ['email', claims.email],
    ['env', claims.env]
  ]
  return (
    <dl className="claims" data-testid="credential-claims">
      {entries.map(([name, value]) => (
        <div key={name} className="claim" data-claim={name}>
          <dt>{name}</dt>
          <dd className={`mono${value === null ? ' muted' : ''}`}>{value ?? '—'}</dd>
        </div>
      ))}
    </dl>
  )
}
