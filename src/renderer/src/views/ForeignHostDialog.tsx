import { useEffect, useRef } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { foreignHostConfirmation } from '../../../shared/environments'
import { useAppStore } from '../stores/use-app-store'

/**
 * Asks, for this one connect, before a stored token goes to a host outside its environment
 * ("Send the token of ‘staging/alice’ to evil.example.com?"). Nothing is sent until the user says so;
 * the answer covers exactly the hosts named and only this connect.
 */
export function ForeignHostDialog() {
  const prompt = useAppStore((state) => state.foreignHostPrompt)
  const { dismiss, connect } = useAppStore(
    useShallow((state) => ({ dismiss: state.dismissForeignHostPrompt, connect: state.connect }))
  )
  const cancelRef = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (!prompt) return
    // The safe answer has the focus, so Enter does not send a token by accident.
    cancelRef.current?.focus()
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') dismiss()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [prompt, dismiss])

  if (!prompt) return null
  const hosts = prompt.hosts.join(' and ')
  return (
    <div className="modal-backdrop" data-testid="foreign-host-dialog">
      <div
        className="modal confirm-row"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="foreign-host-title"
        aria-describedby="foreign-host-detail"
      >
        <h2 id="foreign-host-title" className="modal-title">
          Send the token of ‘{prompt.credential}’ to {hosts}?
        </h2>
        <p id="foreign-host-detail" className="confirm-text">
          This token belongs to another environment, and {hosts} is not one of its hosts. Whoever runs{' '}
          {prompt.hosts.length > 1 ? 'those hosts' : 'that host'} could use it as you. Send it only if you trust{' '}
          {prompt.hosts.length > 1 ? 'them' : 'it'}; this answer covers this one connection.
        </p>
        <div className="modal-actions">
          <button type="button" className="btn" ref={cancelRef} data-testid="foreign-host-cancel" onClick={dismiss}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-danger"
            data-testid="foreign-host-confirm"
            onClick={() => {
              dismiss()
              void connect(foreignHostConfirmation(prompt.hosts))
            }}
          >
            Send it to {hosts}
          </button>
        </div>
      </div>
    </div>
  )
}
