import { useState } from 'react'
import { errorMessage } from '../../stores/app-state'
import { useAppStore } from '../../stores/use-app-store'

/**
 * Whether secrets can be stored, at the top of the Credentials panel. When the OS keychain cannot be
 * used it names the cause and the fix (the backend's words) and offers the session-only memory
 * fallback — opt-in, because a secret kept that way is lost when the app quits.
 */
export function KeychainStatusCard() {
  const keychain = useAppStore((state) => state.keychain)
  const setMemoryFallback = useAppStore((state) => state.setMemoryFallback)
  const recheck = useAppStore((state) => state.loadCredentials)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const run = async (action: () => Promise<void>): Promise<void> => {
    setBusy(true)
    setError(null)
    try {
      await action()
    } catch (failure) {
      setError(errorMessage(failure))
    } finally {
      setBusy(false)
    }
  }

  if (!keychain) return null
  if (keychain.available) {
    return (
      <p className="keychain-ok" data-testid="keychain-status" data-available="true">
        <span className="state-dot state-open" aria-hidden="true" /> Secrets are stored in the OS keychain
        (service <code>netra-diagnostics</code>).
      </p>
    )
  }
  return (
    <section
      className="keychain-card"
      data-testid="keychain-status"
      data-available="false"
      aria-label="Keychain status"
    >
      <h3 className="keychain-title">The OS keychain is unavailable</h3>
      <dl className="keychain-advice">
        <dt>Cause</dt>
        <dd data-testid="keychain-cause">{keychain.cause ?? 'unknown'}</dd>
        <dt>Fix</dt>
        <dd data-testid="keychain-fix">
          {keychain.fix ?? 'check that the OS keychain works, then try again'}
        </dd>
      </dl>
      {keychain.memoryFallback ? (
        <div className="keychain-fallback on" data-testid="memory-fallback-on">
          <p>
            <strong>Session-only memory is on.</strong> New credentials are kept in this app’s memory and
            vanish when it quits; they are never written to disk.
          </p>
          <button
            type="button"
            className="btn btn-small"
            data-testid="memory-fallback-off"
            disabled={busy}
            onClick={() => void run(() => setMemoryFallback(false))}
          >
            Turn off
          </button>
        </div>
      ) : (
        <div className="keychain-fallback">
          <p>
            Until it is fixed, credentials can be kept in memory for this run only: they vanish when the app
            quits and are never written to disk.
          </p>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="use-memory-fallback"
            disabled={busy}
            onClick={() => void run(() => setMemoryFallback(true))}
          >
            Use session-only memory for this run
          </button>
        </div>
      )}
      <div className="keychain-footer">
        {error ? (
          <span className="error-text" role="alert">
            {error}
          </span>
        ) : (
          <span className="muted">Fixed it? Check again to use the keychain.</span>
        )}
        <button
          type="button"
          className="btn btn-small"
          data-testid="keychain-recheck"
          disabled={busy}
          onClick={() => void run(recheck)}
        >
          Check again
        </button>
      </div>
    </section>
  )
}
