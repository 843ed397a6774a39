import { useState, type FormEvent, type KeyboardEvent } from 'react'
import { DEFAULT_USER_MESSAGE } from '../../../shared/protocol/client-messages'
import { errorMessage } from '../stores/app-state'
import { selectActiveModel } from '../stores/select-active'
import type { SendMode } from '../stores/sessions-slice'
import { useAppStore } from '../stores/use-app-store'

const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

function jsonProblem(text: string): string | null {
  try {
    JSON.parse(text)
    return null
  } catch (error) {
    return errorMessage(error)
  }
}

/** Send a message on the open session: the user_message envelope, or any raw text. */
export function Composer() {
  const isOpen = useAppStore((state) => selectActiveModel(state)?.state === 'open')
  const send = useAppStore((state) => state.send)
  const [text, setText] = useState(DEFAULT_USER_MESSAGE)
  const [mode, setMode] = useState<SendMode>('user_message')
  const [sending, setSending] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const canSend = isOpen && !sending && text.length > 0
  // Raw mode sends anything on purpose (malformed frames are a test case), so this only warns.
  const rawWarning = mode === 'raw' && text.trim() !== '' ? jsonProblem(text) : null

  const submit = async (event?: FormEvent): Promise<void> => {
    event?.preventDefault()
    if (!canSend) return
    setSending(true)
    setError(null)
    try {
      await send(text, mode)
    } catch (caught) {
      setError(errorMessage(caught))
    } finally {
      setSending(false)
    }
  }

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      void submit()
    }
  }

  return (
    <form className="composer" onSubmit={(event) => void submit(event)} data-testid="composer">
      <textarea
        className="input composer-text mono"
        data-testid="composer-text"
        aria-label="Message"
        rows={2}
        spellCheck={false}
        value={text}
        onChange={(event) => {
          setText(event.target.value)
          setError(null)
        }}
        onKeyDown={onKeyDown}
      />
      <div className="composer-controls">
        <select
          className="select select-compact"
          data-testid="composer-mode"
          aria-label="Send as"
          value={mode}
          onChange={(event) => setMode(event.target.value as SendMode)}
        >
          <option value="user_message">user_message envelope</option>
          <option value="raw">raw JSON / text</option>
        </select>
        <span className="composer-status" data-testid="composer-error" role={error ? 'alert' : undefined}>
          {error ? (
            <span className="error-text">{error}</span>
          ) : rawWarning ? (
            <span className="warn-text">not valid JSON — will be sent verbatim</span>
          ) : !isOpen ? (
            <span className="muted">connect to send</span>
          ) : null}
        </span>
        <span className="kbd-hint muted">{IS_MAC ? '⌘' : 'Ctrl'}+Enter</span>
        <button type="submit" className="btn btn-primary" data-testid="composer-send" disabled={!canSend}>
          {sending ? 'Sending…' : 'Send'}
        </button>
      </div>
    </form>
  )
}
