import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import { DEFAULT_USER_MESSAGE } from '../../../shared/protocol/client-messages'
import { errorMessage } from '../stores/app-state'
import { selectActiveModel, selectActiveIsLive } from '../stores/select-active'
import type { SendMode } from '../stores/sessions-slice'
import { useAppStore } from '../stores/use-app-store'
import { SavedMessages } from './composer/SavedMessages'

const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

function jsonProblem(text: string): string | null {
  try {
    JSON.parse(text)
    return null
  } catch (error) {
    return errorMessage(error)
  }
}

/** Send a message on the open session: the user_message envelope, or any raw text; save and reuse messages per environment. */
export function Composer() {
  const isOpen = useAppStore((state) => selectActiveIsLive(state) && selectActiveModel(state)?.state === 'open')
  const send = useAppStore((state) => state.send)
  // Saved messages belong to the environment the composer sends to: a live session's, else the picker's
  // (where the next Connect goes once the session has closed).
  const environmentId = useAppStore((state) => {
    const model = selectActiveModel(state)
    return (model && model.state !== 'closed' ? model.start?.environment.id : undefined) ?? state.selectedEnvironmentId
  })
  const environmentName = useAppStore(
    (state) => state.environments.find((environment) => environment.id === environmentId)?.name ?? selectActiveModel(state)?.start?.environment.name ?? environmentId ?? ''
  )
  const savedCount = useAppStore((state) => (state.savedMessagesEnvironmentId === environmentId ? state.savedMessages.length : 0))
  const loadSavedMessages = useAppStore((state) => state.loadSavedMessages)
  const [text, setText] = useState(DEFAULT_USER_MESSAGE)
  const [mode, setMode] = useState<SendMode>('user_message')
  const [sending, setSending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [saved, setSaved] = useState<'list' | 'name' | null>(null)
  const textArea = useRef<HTMLTextAreaElement>(null)

  useEffect(() => {
    if (environmentId) void loadSavedMessages(environmentId)
  }, [environmentId, loadSavedMessages])

  const closeSaved = (): void => {
    setSaved(null)
    textArea.current?.focus()
  }

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
    const command = event.ctrlKey || event.metaKey
    if (event.key === 'Enter' && command) {
      event.preventDefault()
      void submit()
    } else if (command && !event.shiftKey && !event.altKey && (event.key === 's' || event.key === 'o') && environmentId) {
      // Ctrl+S names and saves the current message; Ctrl+O opens the saved list.
      event.preventDefault()
      setSaved(event.key === 's' ? 'name' : 'list')
    }
  }

  return (
    <form className="composer" onSubmit={(event) => void submit(event)} data-testid="composer">
      {saved && environmentId ? (
        <SavedMessages
          key={`${environmentId}-${saved}`}
          environmentId={environmentId}
          environmentName={environmentName}
          current={{ text, mode }}
          focusName={saved === 'name'}
          onClose={closeSaved}
          onInsert={(message) => {
            setText(message.text)
            setMode(message.mode)
            setError(null)
            closeSaved()
          }}
        />
      ) : null}
      <textarea
        ref={textArea}
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
        <button
          type="button"
          className={`btn btn-small${saved ? ' active' : ''}`}
          data-testid="composer-saved"
          aria-expanded={saved !== null}
          aria-haspopup="dialog"
          disabled={!environmentId}
          title={`Saved messages of ${environmentName} (${IS_MAC ? '⌘' : 'Ctrl'}+O list, ${IS_MAC ? '⌘' : 'Ctrl'}+S save)`}
          onClick={() => (saved ? closeSaved() : setSaved('list'))}
        >
          Saved{savedCount > 0 ? ` · ${savedCount}` : ''}
        </button>
        <span className="kbd-hint muted">{IS_MAC ? '⌘' : 'Ctrl'}+Enter</span>
        <button type="submit" className="btn btn-primary" data-testid="composer-send" disabled={!canSend}>
          {sending ? 'Sending…' : 'Send'}
        </button>
      </div>
    </form>
  )
}
