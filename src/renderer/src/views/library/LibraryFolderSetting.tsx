import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useAppStore } from '../../stores/use-app-store'

const SOURCE_LABEL = {
  env: 'set by NETRA_DIAG_RECORDINGS_DIR',
  setting: 'your choice',
  default: 'default',
  none: 'no data folder: nothing is recorded'
}

/** The library folder: where it is, why, and a way to move it (persisted with the settings). */
export function LibraryFolderSetting() {
  const { settings, configure } = useAppStore(
    useShallow((s) => ({ settings: s.librarySettings, configure: s.configureLibrary }))
  )
  const [draft, setDraft] = useState<string | null>(null)
  if (!settings) return null
  const editable = settings.source !== 'env' && settings.source !== 'none'
  return (
    <div className="library-folder" data-testid="library-folder">
      <div className="library-folder-line">
        <span className="muted">Folder</span>
        <span
          className="mono library-folder-path"
          title={settings.recordingsDir ?? ''}
          data-testid="library-folder-path"
        >
          {settings.recordingsDir ?? '—'}
        </span>
      </div>
      <div className="library-folder-line muted">
        {SOURCE_LABEL[settings.source]}
        {editable && draft === null ? (
          <>
            <button
              type="button"
              className="library-link-btn"
              data-testid="library-folder-change"
              onClick={() => setDraft(settings.recordingsDir ?? '')}
            >
              change
            </button>
            {settings.source === 'setting' ? (
              <button type="button" className="library-link-btn" onClick={() => void configure(null)}>
                use default
              </button>
            ) : null}
          </>
        ) : null}
      </div>
      {draft !== null ? (
        <form
          className="library-folder-line"
          onSubmit={(event) => {
            event.preventDefault()
            void configure(draft.trim() || null)
            setDraft(null)
          }}
        >
          <input
            className="input"
            aria-label="Library folder (absolute path)"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            autoFocus
          />
          <button type="submit" className="btn btn-small">
            Move
          </button>
          <button type="button" className="btn btn-small" onClick={() => setDraft(null)}>
            Cancel
          </button>
        </form>
      ) : null}
    </div>
  )
}
