import { useAppStore } from '../../stores/use-app-store'

/**
 * The first step of adding an environment: paste any address of the server and the form below
 * fills in its kind, URLs and name (fields already typed by hand are left alone).
 */
export function PasteUrlField() {
  const paste = useAppStore((state) => state.pasteEnvironmentUrl)
  return (
    <div className="settings-field wide paste-url">
      <label className="field-label" htmlFor="env-paste-url">
        Paste a URL
      </label>
      <input
        id="env-paste-url"
        className="input mono"
        data-testid="env-paste-url"
        placeholder="wss://api.staging.netrasystems.ai/ws, https://… or a bare host name"
        spellCheck={false}
        autoFocus
        onChange={(event) => paste(event.target.value)}
      />
      <div className="field-hint">
        Any WebSocket, API or auth address of the server: the kind, URLs and name below are filled in from it.
      </div>
    </div>
  )
}
