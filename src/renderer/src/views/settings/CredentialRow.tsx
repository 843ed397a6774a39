import { useState, type FormEvent, type KeyboardEvent } from 'react'
import type { Environment } from '../../../../shared/api/contract'
import type { CredentialInfo } from '../../../../shared/api/credential-schemas'
import { errorMessage } from '../../stores/app-state'
import { useAppStore } from '../../stores/use-app-store'
import { ClaimsLine } from './ClaimsLine'
import { ExpiryBadge } from './ExpiryBadge'
import { environmentMismatch, isSessionToken, KIND_LABELS } from './token-status'

type Mode = 'view' | 'rename' | 'confirm-delete'

/**
 * One credential: label, kind, where its secret is kept, its non-secret claims and expiry, a flag
 * when its `env` claim does not fit the environment, and rename / delete / use / mint in place.
 */
export function CredentialRow({
  credential,
  environment,
  now,
  onMint
}: {
  credential: CredentialInfo
  environment: Environment | undefined
  now: number
  /** Open the mint form with this simulation key picked. */
  onMint: (keyId: string) => void
}) {
  const rename = useAppStore((state) => state.renameCredential)
  const remove = useAppStore((state) => state.removeCredential)
  const inUse = useAppStore(
    (state) =>
      state.credentialId === credential.id && state.selectedEnvironmentId === credential.environmentId
  )
  const selectEnvironment = useAppStore((state) => state.selectEnvironment)
  const setCredentialId = useAppStore((state) => state.setCredentialId)
  const [mode, setMode] = useState<Mode>('view')
  const [label, setLabel] = useState(credential.label)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const mismatch = environmentMismatch(credential, environment)

  const act = async (action: () => Promise<unknown>): Promise<void> => {
    setBusy(true)
    setError(null)
    try {
      await action()
      setMode('view')
    } catch (failure) {
      // The row stays in its mode with what was typed, next to the reason.
      setError(errorMessage(failure))
    } finally {
      setBusy(false)
    }
  }
  const submitRename = (event: FormEvent): void => {
    event.preventDefault()
    if (label.trim() === credential.label) setMode('view')
    else void act(() => rename(credential.id, label.trim()))
  }
  const cancelOnEscape = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return
    // Handled here: Escape must not close the whole panel as well.
    event.preventDefault()
    setMode('view')
    setLabel(credential.label)
  }
  const use = (): void => {
    selectEnvironment(credential.environmentId)
    setCredentialId(credential.id)
  }

  return (
    <li
      className={`credential-row${mismatch ? ' mismatch' : ''}`}
      data-testid="credential-row"
      data-credential-id={credential.id}
      data-label={credential.label}
    >
      <div className="credential-head">
        {mode === 'rename' ? (
          <form className="credential-rename" onSubmit={submitRename}>
            <input
              className="input"
              aria-label={`New label for ${credential.label}`}
              data-testid="credential-rename-input"
              autoFocus
              value={label}
              onChange={(event) => setLabel(event.target.value)}
              onKeyDown={cancelOnEscape}
            />
            <button
              type="submit"
              className="btn btn-small btn-primary"
              data-testid="credential-rename-save"
              disabled={busy || !label.trim()}
            >
              Save
            </button>
            <button type="button" className="btn btn-small" onClick={() => setMode('view')}>
              Cancel
            </button>
          </form>
        ) : (
          <span className="credential-label ellipsis" data-testid="credential-label" title={credential.label}>
            {credential.label}
          </span>
        )}
        <span className="tag">{KIND_LABELS[credential.kind]}</span>
        <span
          className={`tag${credential.storage === 'memory' ? ' tag-memory' : ''}`}
          data-testid="credential-storage"
          title={
            credential.storage === 'memory'
              ? 'Kept in memory for this run only: gone when the app quits, never written to disk'
              : 'In the OS keychain'
          }
        >
          {credential.storage === 'memory' ? 'memory · this run' : 'keychain'}
        </span>
        {inUse ? (
          <span
            className="tag tag-in-use"
            data-testid="credential-in-use"
            title="Picked in the top bar for the next session"
          >
            next session
          </span>
        ) : null}
      </div>
      {credential.claims ? <ClaimsLine claims={credential.claims} /> : null}
      <div className="credential-status">
        {credential.kind === 'e2e-simulation-key' ? null : (
          <ExpiryBadge expiresAt={credential.expiresAt} now={now} />
        )}
        {mismatch ? (
          <span className="mismatch-flag" data-testid="credential-mismatch" title={mismatch.note}>
            ⚠ {mismatch.tokenEnv} token for a {environment?.kind} environment: the server will refuse it
          </span>
        ) : null}
      </div>
      {error ? (
        <div className="inline-error" role="alert" data-testid="credential-error">
          <div className="inline-error-text">{error}</div>
        </div>
      ) : null}
      {mode === 'confirm-delete' ? (
        <div className="confirm-row" data-testid="credential-delete-confirm">
          <span className="confirm-text">
            Delete <strong>{credential.label}</strong>
            {credential.storage === 'keychain' ? ' and its keychain entry' : ''}?
          </span>
          <button type="button" className="btn btn-small" onClick={() => setMode('view')}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-small btn-danger"
            data-testid="credential-delete-confirmed"
            disabled={busy}
            onClick={() => void act(() => remove(credential.id))}
          >
            Delete
          </button>
        </div>
      ) : null}
      {mode === 'view' ? (
        <div className="credential-actions">
          {isSessionToken(credential) && !inUse ? (
            <button
              type="button"
              className="btn btn-small"
              data-testid="credential-use"
              onClick={use}
              title="Pick this token for the next session in the top bar"
            >
              Use for next session
            </button>
          ) : null}
          {credential.kind === 'e2e-simulation-key' ? (
            <button
              type="button"
              className="btn btn-small"
              data-testid="credential-mint"
              onClick={() => onMint(credential.id)}
            >
              Mint E2E token…
            </button>
          ) : null}
          <span className="spacer" />
          <button
            type="button"
            className="btn btn-small"
            data-testid="credential-rename"
            onClick={() => {
              setLabel(credential.label)
              setMode('rename')
            }}
          >
            Rename
          </button>
          <button
            type="button"
            className="btn btn-small btn-danger"
            data-testid="credential-delete"
            onClick={() => setMode('confirm-delete')}
          >
            Delete…
          </button>
        </div>
      ) : null}
    </li>
  )
}
