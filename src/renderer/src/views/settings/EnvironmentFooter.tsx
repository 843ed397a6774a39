import { useState } from 'react'
import { useAppStore } from '../../stores/use-app-store'
import { useEnvironmentDraft } from './use-environment-draft'

/** The panel's sticky footer: the backend's refusal, where things stand, and Save / Revert / Reset / Delete. */
export function EnvironmentFooter() {
  const edited = useEnvironmentDraft()
  const justSaved = useAppStore((state) => state.envJustSaved)
  const pending = useAppStore((state) => state.envEditorPending)
  const error = useAppStore((state) => state.envEditorError)
  const save = useAppStore((state) => state.saveEnvironmentDraft)
  const revert = useAppStore((state) => state.revertEnvironmentDraft)
  const reset = useAppStore((state) => state.resetEnvironment)
  const remove = useAppStore((state) => state.removeEnvironment)
  const dismiss = useAppStore((state) => state.dismissEnvironmentError)
  // A confirmation belongs to the environment it was asked about.
  const [confirming, setConfirming] = useState<string | null>(null)

  const { id, saved, dirty, problems, isNew } = edited
  if (!id || (!isNew && !saved)) return null
  const problemCount = Object.keys(problems).length
  const busy = pending !== null

  let status: string
  if (pending === 'saving') status = 'Saving…'
  else if (pending === 'removing') status = 'Deleting…'
  else if (pending === 'resetting') status = 'Restoring the defaults…'
  else if (dirty && problemCount)
    status = `Fix ${problemCount === 1 ? 'the field' : `${problemCount} fields`} marked in red to save.`
  else if (isNew) status = 'Paste a URL and give it a name, then Add.'
  else if (dirty) status = 'Unsaved changes.'
  else if (justSaved === id && !error) status = 'Saved ✓ — new sessions use these settings.'
  else
    status = saved?.builtIn
      ? saved.customized
        ? 'Built in, with your changes.'
        : 'Built in, as shipped.'
      : 'Custom environment.'

  return (
    <>
      {error ? (
        <div className="inline-error" role="alert" data-testid="env-error">
          <div className="inline-error-text">{error}</div>
          <button type="button" className="icon-button" aria-label="Dismiss error" onClick={dismiss}>
            ×
          </button>
        </div>
      ) : null}
      {confirming === id && saved ? (
        <div className="confirm-row" data-testid="env-delete-confirm">
          <span className="confirm-text">
            Delete <strong>{saved.name}</strong>? Recorded sessions stay; the CLI loses it too.
          </span>
          <button type="button" className="btn" onClick={() => setConfirming(null)}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-danger"
            data-testid="env-delete-confirmed"
            disabled={busy}
            onClick={() => {
              setConfirming(null)
              void remove()
            }}
          >
            Delete environment
          </button>
        </div>
      ) : null}
      <div className={`drawer-status${dirty ? ' dirty' : ''}`} data-testid="env-status">
        {status}
      </div>
      <div className="drawer-actions">
        {saved && !saved.builtIn ? (
          <button
            type="button"
            className="btn btn-danger"
            data-testid="env-delete"
            disabled={busy || confirming === id}
            onClick={() => setConfirming(id)}
          >
            Delete…
          </button>
        ) : null}
        {saved?.builtIn ? (
          <button
            type="button"
            className="btn"
            data-testid="env-reset"
            disabled={busy || !saved.customized}
            title={
              saved.customized
                ? 'Forget your changes to this built-in environment'
                : 'Nothing to reset: it is as shipped'
            }
            onClick={() => void reset()}
          >
            Reset
          </button>
        ) : null}
        <span className="spacer" />
        <button
          type="button"
          className="btn"
          data-testid="env-revert"
          disabled={busy || !dirty}
          onClick={revert}
        >
          {isNew ? 'Clear' : 'Revert'}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="env-save"
          disabled={busy || !dirty || problemCount > 0}
          onClick={() => void save()}
        >
          {pending === 'saving' ? 'Saving…' : isNew ? 'Add' : 'Save'}
        </button>
      </div>
    </>
  )
}
