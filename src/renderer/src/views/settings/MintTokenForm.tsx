import { useState, type FormEvent } from 'react'
import type { CredentialInfo } from '../../../../shared/api/credential-schemas'
import { errorMessage } from '../../stores/app-state'
import { useAppStore } from '../../stores/use-app-store'
import { ExpiryBadge } from './ExpiryBadge'
import { Field } from './Field'
import { useNow } from './use-now'

/** What was minted, with its expiry and the way to use it straight away. */
function MintResult({ credential }: { credential: CredentialInfo }) {
  const now = useNow()
  const selectEnvironment = useAppStore((state) => state.selectEnvironment)
  const setCredentialId = useAppStore((state) => state.setCredentialId)
  const inUse = useAppStore((state) => state.credentialId === credential.id)
  return (
    <div className="mint-result" data-testid="mint-result" role="status">
      <div>
        Minted <strong>{credential.label}</strong> for {credential.claims?.email ?? 'the test user'}{' '}
        <span className="muted">
          ({credential.storage === 'memory' ? 'kept for this run' : 'stored in the keychain'})
        </span>
      </div>
      <div className="mint-result-actions">
        <ExpiryBadge expiresAt={credential.expiresAt} now={now} />
        <span className="spacer" />
        <button
          type="button"
          className="btn btn-small"
          data-testid="mint-use"
          disabled={inUse}
          onClick={() => {
            selectEnvironment(credential.environmentId)
            setCredentialId(credential.id)
          }}
        >
          {inUse ? 'Picked for the next session ✓' : 'Use for the next session'}
        </button>
      </div>
    </div>
  )
}

/**
 * Mint an E2E access token at an environment's auth service with a stored simulation key
 * (`POST /auth/e2e/test-auth`). The key never comes here: the backend reads it from the vault.
 */
export function MintTokenForm({
  keyId,
  onKeyChange,
  onClose
}: {
  keyId: string
  onKeyChange: (id: string) => void
  onClose: () => void
}) {
  const credentials = useAppStore((state) => state.credentials)
  const environments = useAppStore((state) => state.environments)
  const mint = useAppStore((state) => state.mintE2eToken)
  const [email, setEmail] = useState('')
  const [name, setName] = useState('')
  const [label, setLabel] = useState('')
  const [store, setStore] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [minted, setMinted] = useState<CredentialInfo | null>(null)
  const keys = credentials.filter((credential) => credential.kind === 'e2e-simulation-key')
  const key = keys.find((candidate) => candidate.id === keyId) ?? keys[0]
  const environmentName = (id: string): string => environments.find((env) => env.id === id)?.name ?? id

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    if (!key) return
    setBusy(true)
    setError(null)
    try {
      setMinted(
        await mint({
          environmentId: key.environmentId,
          simulationKeyCredentialId: key.id,
          email: email.trim(),
          ...(name.trim() ? { name: name.trim() } : {}),
          ...(label.trim() ? { label: label.trim() } : {}),
          store
        })
      )
    } catch (failure) {
      setError(errorMessage(failure))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form
      className="settings-card"
      aria-label="Mint an E2E token"
      data-testid="mint-form"
      onSubmit={(event) => void submit(event)}
    >
      <div className="settings-card-header">
        <h3 className="settings-card-title">Mint an E2E token</h3>
        <button type="button" className="icon-button" aria-label="Close the form" onClick={onClose}>
          ×
        </button>
      </div>
      {!key ? (
        <p className="muted">
          Add an E2E simulation key for an environment first: minting uses it at that environment’s auth
          service.
        </p>
      ) : (
        <div className="settings-grid">
          <Field
            wide
            label="Simulation key"
            hint={`Minted at ${environmentName(key.environmentId)}’s auth service`}
          >
            {({ id, describedBy }) => (
              <select
                id={id}
                className="select"
                data-testid="mint-key"
                aria-describedby={describedBy}
                value={key.id}
                onChange={(event) => onKeyChange(event.target.value)}
              >
                {keys.map((candidate) => (
                  <option key={candidate.id} value={candidate.id}>
                    {candidate.label} · {environmentName(candidate.environmentId)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Test user e-mail">
            {({ id }) => (
              <input
                id={id}
                className="input"
                type="email"
                required
                data-testid="mint-email"
                placeholder="qa@netrasystems.ai"
                value={email}
                onChange={(event) => setEmail(event.target.value)}
              />
            )}
          </Field>
          <Field label="Name (optional)">
            {({ id }) => (
              <input
                id={id}
                className="input"
                data-testid="mint-name"
                placeholder="from the e-mail"
                value={name}
                onChange={(event) => setName(event.target.value)}
              />
            )}
          </Field>
          <Field label="Label (optional)">
            {({ id }) => (
              <input
                id={id}
                className="input"
                data-testid="mint-label"
                maxLength={64}
                placeholder="e2e <e-mail> <time>"
                value={label}
                onChange={(event) => setLabel(event.target.value)}
              />
            )}
          </Field>
          <label className="toggle mint-store">
            <input
              type="checkbox"
              data-testid="mint-store"
              checked={store}
              onChange={(event) => setStore(event.target.checked)}
            />
            Keep it after this run
          </label>
        </div>
      )}
      {error ? (
        <div className="inline-error" role="alert" data-testid="mint-error">
          <div className="inline-error-text">{error}</div>
        </div>
      ) : null}
      {minted ? <MintResult credential={minted} /> : null}
      <div className="settings-card-actions">
        <span className="muted">
          {store
            ? 'Stored like any credential (keychain, or memory if opted in).'
            : 'Kept in memory for this run only.'}
        </span>
        <button
          type="submit"
          className="btn btn-primary"
          data-testid="mint-submit"
          disabled={busy || !key || !email.trim()}
        >
          {busy ? 'Minting…' : 'Mint token'}
        </button>
      </div>
    </form>
  )
}
