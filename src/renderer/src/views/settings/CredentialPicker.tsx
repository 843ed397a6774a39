import { useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useAppStore } from '../../stores/use-app-store'
import { relativeTime } from '../../lib/relative-time'
import { environmentMismatch, expiryAt, isSessionToken } from './token-status'
import { useNow } from './use-now'

/**
 * Which stored access token the next session presents, beside the auth method: the picked
 * environment's tokens first, then other environments' (bound to their own hosts: Connect asks before
 * sending one elsewhere). The default is the environment's own (the sandbox mints one per session).
 * A chip warns when the chosen token has expired or was issued for another environment.
 */
export function CredentialPicker() {
  const environment = useAppStore((state) =>
    state.environments.find((env) => env.id === state.selectedEnvironmentId)
  )
  const tokens = useAppStore(
    useShallow((state) =>
      state.credentials.filter(
        (credential) => credential.environmentId === state.selectedEnvironmentId && isSessionToken(credential)
      )
    )
  )
  // Tokens of other environments can be used too, but are bound to their own hosts: Connect asks first.
  const others = useAppStore(
    useShallow((state) =>
      state.credentials.filter(
        (credential) => credential.environmentId !== state.selectedEnvironmentId && isSessionToken(credential)
      )
    )
  )
  const credentialId = useAppStore((state) => state.credentialId)
  const setCredentialId = useAppStore((state) => state.setCredentialId)
  const now = useNow()
  const chosen = tokens.find((token) => token.id === credentialId) ?? others.find((token) => token.id === credentialId)

  const warning = useMemo(() => {
    if (!chosen) return null
    const mismatch = environmentMismatch(chosen, environment)
    if (mismatch)
      return {
        text: `${mismatch.tokenEnv} token on ${environment?.kind}`,
        title: mismatch.note,
        level: 'bad'
      }
    const expiry = expiryAt(chosen, now)
    if (expiry === 'expired' && chosen.expiresAt !== null)
      return {
        text: 'expired',
        title: `This token expired ${relativeTime(chosen.expiresAt, now)}: the server will refuse it`,
        level: 'bad'
      }
    if (expiry === 'expiring-soon' && chosen.expiresAt !== null)
      return {
        text: 'expires soon',
        title: `This token expires ${relativeTime(chosen.expiresAt, now)}`,
        level: 'warn'
      }
    return null
  }, [chosen, environment, now])

  // Short on purpose: the connection bar is full on small windows; the tooltip says the rest.
  const sandbox = environment?.kind === 'sandbox'
  const defaultLabel = sandbox ? 'token: sandbox' : 'token: default'
  const defaultMeaning = sandbox
    ? 'The sandbox mints a token for each session'
    : 'No stored token: the environment’s default, if the host has one'
  return (
    <>
      <select
        className="select select-compact credential-select"
        data-testid="credential-select"
        aria-label="Credential"
        title={
          chosen
            ? `The next session presents the stored access token “${chosen.label}”`
            : `${defaultMeaning}${tokens.length ? '' : '. Add access tokens under Credentials.'}`
        }
        value={chosen ? chosen.id : ''}
        disabled={!environment}
        onChange={(event) => setCredentialId(event.target.value === '' ? null : event.target.value)}
      >
        <option value="">{defaultLabel}</option>
        {tokens.map((token) => (
          <option key={token.id} value={token.id}>
            token: {token.label}
            {expiryAt(token, now) === 'expired' ? ' (expired)' : ''}
          </option>
        ))}
        {others.length ? (
          <optgroup label="Other environments (asks before sending)">
            {others.map((token) => (
              <option key={token.id} value={token.id}>
                token: {token.environmentId}/{token.label}
                {expiryAt(token, now) === 'expired' ? ' (expired)' : ''}
              </option>
            ))}
          </optgroup>
        ) : null}
      </select>
      {warning ? (
        <span
          className={`chip credential-warning ${warning.level}`}
          data-testid="credential-warning"
          role="status"
          title={warning.title}
        >
          ⚠ {warning.text}
        </span>
      ) : null}
    </>
  )
}
