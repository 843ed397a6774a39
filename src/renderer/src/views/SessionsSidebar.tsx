import { useState } from 'react'
import type { SessionSummary } from '../../../shared/api/contract'
import { Panel } from '../components/Panel'
import { formatClock, formatCount } from '../lib/format'
import { useAppStore } from '../stores/use-app-store'
import { FileDropOverlay } from './library/FileDropOverlay'
import { HarImportDialog } from './library/HarImportDialog'
import { LibraryFilters } from './library/LibraryFilters'
import { LibraryFolderSetting } from './library/LibraryFolderSetting'
import { LibraryList } from './library/LibraryList'
import { LibraryNotices } from './library/LibraryNotices'
import { OpenFileButton } from './library/OpenFileButton'
import { VerdictChip } from './library/VerdictChip'
import './library/library.css'

function SessionItem({ session, active }: { session: SessionSummary; active: boolean }) {
  const setActive = useAppStore((state) => state.setActiveSession)
  // The list's count is a snapshot from the last state change; a loaded model counts live.
  const liveCount = useAppStore((state) => state.models[session.id]?.rows.length)
  const liveState = useAppStore((state) => state.models[session.id]?.state)
  // Issue 13: the verdict and top component, so one failing session stands out among many of the same environment.
  const verdict = useAppStore((state) => state.diagnoses[session.id]?.diagnosis.verdict)
  const topComponent = useAppStore((state) => state.diagnoses[session.id]?.diagnosis.findings[0]?.component)
  const dotState =
    session.state === 'closing' || !liveState || liveState === 'idle' ? session.state : liveState
  return (
    <button
      type="button"
      className={`session-item${active ? ' active' : ''}`}
      data-testid="session-item"
      data-session-id={session.id}
      data-origin={session.origin}
      title={`${session.id} · ${session.url}`}
      aria-current={active}
      onClick={() => setActive(session.id)}
    >
      <span className="session-line">
        <span className={`state-dot state-${dotState}`} title={dotState} />
        <span className="session-env">{session.environmentName}</span>
        {verdict ? <VerdictChip verdict={verdict} /> : null}
      </span>
      <span className="session-line session-meta mono">
        <span title={session.id}>{formatClock(session.startedAt)}</span>
        {session.origin === 'recording' ? <span className="session-origin">recording</span> : null}
        {topComponent ? <span className="session-origin">{topComponent}</span> : null}
        <span className="session-count">{formatCount(liveCount ?? session.recordCount)} rec</span>
      </span>
    </button>
  )
}

/**
 * The library (issue 11): this run's sessions on top (live ones and recordings opened from disk),
 * past sessions below from the backend's index, searchable and filterable, virtualised. Files can
 * be opened with the picker or dropped anywhere on the window.
 */
export function SessionsSidebar() {
  const summaries = useAppStore((state) => state.summaries)
  const activeId = useAppStore((state) => state.activeSessionId)
  const total = useAppStore((state) => state.libraryTotal)
  const [showFolder, setShowFolder] = useState(false)

  return (
    <Panel
      title={`Sessions${summaries.length ? ` · ${summaries.length}` : ''}`}
      className="sessions-panel library-panel"
      actions={<OpenFileButton />}
    >
      <FileDropOverlay />
      <HarImportDialog />
      {summaries.length === 0 ? (
        <div className="empty-state">
          No live sessions. Pick an environment and press Connect, or open a recording.
        </div>
      ) : (
        <ul className="session-list library-live" data-testid="session-list">
          {summaries.map((session) => (
            <li key={session.id}>
              <SessionItem session={session} active={session.id === activeId} />
            </li>
          ))}
        </ul>
      )}
      <div className="library-section-title">
        <span data-testid="library-title">Library · {formatCount(total)}</span>
        <button
          type="button"
          className="library-link-btn"
          aria-expanded={showFolder}
          onClick={() => setShowFolder(!showFolder)}
        >
          {showFolder ? 'hide folder' : 'folder'}
        </button>
      </div>
      {showFolder ? <LibraryFolderSetting /> : null}
      <LibraryFilters />
      <LibraryNotices />
      <LibraryList />
    </Panel>
  )
}
