import { useState, type FormEvent } from 'react'
import { ContractError } from '../../../../shared/api/contract'
import { CredentialKindSchema, type CredentialKind } from '../../../../shared/api/credential-schemas'
import { errorMessage } from '../../stores/app-state'
import { useAppStore } from '../../stores/use-app-store'
import { Field } from './Field'
import { KIND_LABELS } from './token-status'

const KIND_HINTS: Record<CredentialKind, string> = {
  'access-token':
    'A JWT. Its sub, email, env and expiry are read from it and shown here; the rest stays secret.',
  'refresh-token': 'Kept for your records; sessions authenticate with access tokens.',
  'e2e-simulation-key': 'The auth service’s E2E key (X-E2E-Bypass-Key), used to mint test tokens.'
}

/**
 * Add a credential. The secret lives only in this form's own state, in a password field: it is sent
 * once with `credentials.add` and cleared when that succeeds; it never enters the store, a log or a notice.
 */
export function AddCredentialForm({ onClose }: { onClose: () => void }) {
  const environments = useAppStore((state) => state.environments)
  const picked = useAppStore((state) => state.selectedEnvironmentId)
  const keychain = useAppStore((state) => state.keychain)
  const add = useAppStore((state) => state.addCredential)
  const reloadCredentials = useAppStore((state) => state.loadCredentials)
  const [environmentId, setEnvironmentId] = useState(picked ?? environments[0]?.id ?? '')
  const [kind, setKind] = useState<CredentialKind>('access-token')
  const [label, setLabel] = useState('')
  const [secret, setSecret] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [added, setAdded] = useState<string | null>(null)
  const cannotStore = keychain !== null && !keychain.available && !keychain.memoryFallback

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    setAdded(null)
    try {
      const credential = await add({ environmentId, kind, label: label.trim(), secret })
      setSecret('')
      setLabel('')
      setAdded(credential.label)
    } catch (failure) {
      // The backend has masked the secret in its message; what was typed stays for another try.
      if (failure instanceof ContractError && failure.code === 'keychain-unavailable') {
        // The card above names the cause and fix (refreshed now: the keychain may just have failed).
        setError(
          'Not stored: the OS keychain is unavailable (cause and fix above). Turn on session-only memory, then add it again.'
        )
        void reloadCredentials()
      } else setError(errorMessage(failure))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form
      className="settings-card"
      aria-label="Add a credential"
      data-testid="add-credential-form"
      onSubmit={(event) => void submit(event)}
    >
      <div className="settings-card-header">
        <h3 className="settings-card-title">Add a credential</h3>
        <button type="button" className="icon-button" aria-label="Close the form" onClick={onClose}>
          ×
        </button>
      </div>
      <div className="settings-grid">
        <Field label="Environment">
          {({ id }) => (
            <select
              id={id}
              className="select"
              data-testid="credential-environment"
              value={environmentId}
              onChange={(event) => setEnvironmentId(event.target.value)}
            >
              {environments.map((environment) => (
                <option key={environment.id} value={environment.id}>
                  {environment.name} ({environment.kind})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Kind">
          {({ id }) => (
            <select
              id={id}
              className="select"
              data-testid="credential-kind"
              value={kind}
              onChange={(event) => setKind(event.target.value as CredentialKind)}
            >
              {CredentialKindSchema.options.map((option) => (
                <option key={option} value={option}>
                  {KIND_LABELS[option]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field wide label="Label" hint="Your name for it, e.g. “customer 4711 support session”">
          {({ id, describedBy }) => (
            <input
              id={id}
              className="input"
              data-testid="credential-label-input"
              aria-describedby={describedBy}
              maxLength={64}
              value={label}
              onChange={(event) => setLabel(event.target.value)}
            />
          )}
        </Field>
        <Field wide label="Secret" hint={KIND_HINTS[kind]}>
          {({ id, describedBy }) => (
            <input
              id={id}
              className="input mono"
              type="password"
              autoComplete="off"
              spellCheck={false}
              data-testid="credential-secret"
              aria-describedby={describedBy}
              placeholder={kind === 'access-token' ? 'eyJhbGciOi…' : 'paste it here'}
              value={secret}
              onChange={(event) => setSecret(event.target.value)}
            />
          )}
        </Field>
      </div>
      {error ? (
        <div className="inline-error" role="alert" data-testid="add-credential-error">
          <div className="inline-error-text">{error}</div>
        </div>
      ) : null}
      <div className="settings-card-actions">
        <span
          className={cannotStore && !error ? 'warn-text' : added ? 'ok-text' : 'muted'}
          data-testid="add-credential-status"
        >
          {cannotStore && !error
            ? 'The keychain is unavailable: turn on session-only memory above to add it for this run.'
            : added
              ? `Added “${added}” ✓`
              : 'The secret goes to the backend once and is never shown again.'}
        </span>
        <button
          type="submit"
          className="btn btn-primary"
          data-testid="add-credential-submit"
          disabled={busy || !environmentId || !label.trim() || !secret.trim()}
        >
          {busy ? 'Adding…' : 'Add credential'}
        </button>
      </div>
    </form>
  )
}
