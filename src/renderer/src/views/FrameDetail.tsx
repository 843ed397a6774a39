import { useEffect, useMemo } from 'react'
import type { FrameRecord } from '../../../shared/api/frame-record'
import { CopyButton } from '../components/CopyButton'
import { ResendButton } from './frame-search/ResendButton'
import { EmptyState } from '../components/EmptyState'
import { JsonTree } from '../components/JsonTree'
import { findIndexBySeq } from '../lib/find-by-seq'
import { formatBytes, formatOffset } from '../lib/format'
import { recordPayload } from '../lib/record-payload'
import { selectActiveModel } from '../stores/select-active'
import type { AppState } from '../stores/app-state'
import type { DetailTab } from '../stores/ui-slice'
import { useAppStore } from '../stores/use-app-store'

const ARROWS = { in: '↓', out: '↑', local: '•' } as const
const DIRECTION_NAMES = { in: 'received', out: 'sent', local: 'local observation' } as const
const FLAG_NOTES = {
  'malformed-json': 'Malformed JSON — the frame is shown exactly as received.',
  binary: 'Binary frame — shown as base64.',
  'non-object': 'Valid JSON, but not an object — not a protocol message.'
} as const
const TABS: { id: DetailTab; label: string }[] = [
  { id: 'parsed', label: 'Parsed' },
  { id: 'record', label: 'Record' }
]

// The renderer holds a window of full records; `recordsLoaded` makes this re-run when a fetched range lands.
function selectSelectedRecord(state: AppState): FrameRecord | undefined {
  if (state.activeSessionId === null || state.selectedSeq === null) return undefined
  void state.recordsLoaded
  return state.recordAt(state.activeSessionId, state.selectedSeq)
}

function selectSelectedLabel(state: AppState): string | undefined {
  const model = selectActiveModel(state)
  if (!model || state.selectedSeq === null) return undefined
  const index = findIndexBySeq(model.rows, state.selectedSeq)
  return index < 0 ? undefined : model.rows.labelAt(index)
}

/** The selected frame: parsed JSON tree, the verbatim text, and the record itself. */
export function FrameDetail() {
  const record = useAppStore(selectSelectedRecord)
  const label = useAppStore(selectSelectedLabel)
  const sessionId = useAppStore((state) => state.activeSessionId)
  const selectedSeq = useAppStore((state) => state.selectedSeq)
  const loadRecord = useAppStore((state) => state.loadRecord)
  // A frame outside the window (an old one in a long session) is fetched by range from the backend.
  const missing = !record && label !== undefined
  useEffect(() => {
    if (missing && sessionId !== null && selectedSeq !== null) void loadRecord(sessionId, selectedSeq)
  }, [missing, sessionId, selectedSeq, loadRecord])
  const tab = useAppStore((state) => state.detailTab)
  const setTab = useAppStore((state) => state.setDetailTab)
  const notify = useAppStore((state) => state.notify)
  const payload = useMemo(() => (record ? recordPayload(record) : null), [record])

  if (!record || !payload) {
    return (
      <section className="panel detail-pane" data-testid="frame-detail">
        <header className="panel-header">
          <h2 className="panel-title">Frame</h2>
        </header>
        {missing ? (
          <EmptyState title={`Loading frame #${selectedSeq}…`}>Older frames are read from the session’s log on demand.</EmptyState>
        ) : (
          <EmptyState title="No frame selected">Click a row, or use ↑ ↓ in the list.</EmptyState>
        )}
      </section>
    )
  }

  const size = record.kind === 'message' || record.kind === 'ping' || record.kind === 'pong' ? record.size : null
  return (
    <section className="panel detail-pane" data-testid="frame-detail" data-seq={record.seq}>
      <header className="panel-header detail-header">
        <h2 className="panel-title">
          <span className="mono muted">#{record.seq}</span> <span data-testid="detail-label">{label}</span>
        </h2>
        <span className="detail-meta mono">
          <span className={`dir-${record.dir}`} title={DIRECTION_NAMES[record.dir]}>
            {ARROWS[record.dir]}
          </span>
          <span>{formatOffset(record.t)}</span>
          {size !== null ? <span>{formatBytes(size)}</span> : null}
        </span>
        <div className="tabs" role="tablist">
          {TABS.map(({ id, label: tabLabel }) => (
            <button
              key={id}
              type="button"
              role="tab"
              aria-selected={tab === id}
              className={`tab${tab === id ? ' active' : ''}`}
              onClick={() => setTab(id)}
            >
              {tabLabel}
            </button>
          ))}
        </div>
      </header>
      {payload.flag ? (
        <div className="flag-note" data-testid="detail-flag" data-flag={payload.flag}>
          ⚑ {FLAG_NOTES[payload.flag]}
        </div>
      ) : null}
      <div className="detail-tree">
        {tab === 'record' ? (
          <JsonTree data={record} />
        ) : payload.tree ? (
          <JsonTree data={payload.tree} />
        ) : (
          <EmptyState title="Nothing to parse">The raw text below is everything the frame carried.</EmptyState>
        )}
      </div>
      <div className="detail-raw">
        <div className="detail-raw-header">
          <span className="field-label">Raw{payload.flag === 'binary' ? ' (base64)' : ''}</span>
          <CopyButton text={payload.raw} onError={(message) => notify('error', 'Could not copy', message)} />
          <ResendButton record={record} />
        </div>
        <pre className="raw-text mono" data-testid="detail-raw">
          {payload.raw}
        </pre>
      </div>
    </section>
  )
}
