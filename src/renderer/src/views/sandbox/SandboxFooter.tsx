import { useState } from 'react'
import { useAppStore } from '../../stores/use-app-store'
import { useSandboxSettings } from './use-sandbox-settings'

/** The panel's sticky footer: the backend's refusal (kept until dealt with), where things stand, and the actions. */
export function SandboxFooter() {
  const { active, dirty } = useSandboxSettings()
  const pending = useAppStore((state) => state.sandboxPending)
  const error = useAppStore((state) => state.sandboxError)
  const draftFaults = useAppStore((state) => state.sandboxDraft?.faults.length ?? 0)
  const apply = useAppStore((state) => state.applySandbox)
  const revert = useAppStore((state) => state.revertSandbox)
  const clear = useAppStore((state) => state.clearSandboxFaults)
  const dismiss = useAppStore((state) => state.dismissSandboxError)
  // "Applied" is news only until the next edit; the store keeps no such history.
  const [applied, setApplied] = useState(false)

  const hasFaults = (active?.faults.length ?? 0) > 0 || draftFaults > 0
  const run = async (action: () => Promise<void>): Promise<void> => {
    setApplied(false)
    await action()
  }
  const onApply = async (): Promise<void> => {
    await run(apply)
    // Shown only while nothing is dirty and no error stands, so a refused apply never reads as applied.
    setApplied(true)
  }

  let status: string
  if (pending === 'applying') status = 'Applying…'
  else if (pending === 'clearing') status = 'Clearing faults…'
  else if (dirty) status = 'Unsaved changes: Apply, then connect again to use them.'
  else if (applied && !error) status = 'Applied ✓ — the next connection uses these settings.'
  else status = active ? `Active: ${active.generation} · ${active.faults.length || 'no'} fault${active.faults.length === 1 ? '' : 's'} · triage ${active.triage}` : ''

  return (
    <>
      {error ? (
        <div className="inline-error" role="alert" data-testid="sandbox-error">
          <div className="inline-error-text">
            <strong>The sandbox refused these settings.</strong> {error}
          </div>
          <button type="button" className="icon-button" aria-label="Dismiss error" onClick={dismiss}>
            ×
          </button>
        </div>
      ) : null}
      <div className={`drawer-status${dirty ? ' dirty' : ''}`} data-testid="sandbox-apply-status">
        {status}
      </div>
      <div className="drawer-actions">
        <button
          type="button"
          className="btn"
          data-testid="sandbox-clear-faults"
          disabled={pending !== null || !hasFaults}
          title="Remove every fault now; generation and triage stay"
          onClick={() => void run(clear)}
        >
          {pending === 'clearing' ? 'Clearing…' : 'Clear faults'}
        </button>
        <span className="spacer" />
        <button type="button" className="btn" data-testid="sandbox-revert" disabled={pending !== null || !dirty} onClick={revert}>
          Revert
        </button>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="sandbox-apply"
          disabled={pending !== null || !dirty}
          onClick={() => void onApply()}
        >
          {pending === 'applying' ? 'Applying…' : 'Apply'}
        </button>
      </div>
    </>
  )
}
