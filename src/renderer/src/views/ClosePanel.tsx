import { describeCloseCode } from '../../../shared/close-codes/close-code-catalog'
import { cutOffAt, cutOffLine } from '../../../shared/session-model'
import { viewedModel } from '../stores/replay-slice'
import { EmptyState } from '../components/EmptyState'
import { Panel } from '../components/Panel'
import { formatClockMs } from '../components/wall-clock-context'
import { formatUtcPrecise } from '../../../shared/format/relative-time'
import { formatMs, formatOffset } from '../lib/format'
import { selectActiveModel } from '../stores/select-active'
import { useAppStore } from '../stores/use-app-store'

const INITIATORS = {
  client: 'client (us)',
  server: 'server',
  none: 'nobody — the connection dropped'
} as const

const SOURCES = {
  rfc6455: 'RFC 6455',
  iana: 'IANA',
  library: 'library range',
  application: 'application range',
  unassigned: 'unassigned'
} as const

/** How the connection ended: code, reason, who closed it, and what the code means. */
export function ClosePanel() {
  const close = useAppStore((state) => selectActiveModel(state)?.close ?? null)
  // Time since the handshake, or since session start when the upgrade never completed.
  const anchorT = useAppStore((state) => {
    const model = selectActiveModel(state)
    return model?.handshake?.t ?? model?.start?.t ?? 0
  })
  const open = useAppStore((state) => selectActiveModel(state)?.state === 'open')
  // A finished recording without its close: its end is unknown, never "open".
  const cutOff = useAppStore((state) => {
    const model = viewedModel(state, selectActiveModel(state))
    const at = model ? cutOffAt(model) : null
    return at ? cutOffLine(at, formatMs) : null
  })
  const wallClock = useAppStore((state) => selectActiveModel(state)?.start?.wallClock ?? null)
  // A refused upgrade never had a WebSocket to close: its 1006 is the client library's placeholder.
  const refusedStatus = useAppStore((state) => {
    const handshake = selectActiveModel(state)?.handshake
    return handshake && !handshake.ok ? handshake.status : undefined
  })

  if (!close && cutOff) {
    return (
      <Panel title="Close" className="close-panel" testId="close-panel">
        <div className="close-headline">
          <span className="close-name close-cut-off" data-testid="close-name">
            Cut off
          </span>
          <span className="source-tag">recording</span>
        </div>
        <p className="close-meaning" data-testid="close-cut-off">
          {cutOff[0].toUpperCase() + cutOff.slice(1)}: the recorder stopped (a crash or a kill) while the connection was
          still up, so how it ended is unknown.
        </p>
      </Panel>
    )
  }

  if (!close) {
    return (
      <Panel title="Close" className="close-panel" testId="close-panel">
        <EmptyState title={open ? 'Connection open' : 'Not closed'}>
          {open ? 'The close code and its meaning appear here when the connection ends.' : null}
        </EmptyState>
      </Panel>
    )
  }

  if (refusedStatus !== undefined) {
    return (
      <Panel title="Close" className="close-panel" testId="close-panel">
        <div className="close-headline">
          <span className="close-code mono bad" data-testid="close-code">
            {refusedStatus === null ? '—' : refusedStatus}
          </span>
          <span className="close-name" data-testid="close-name">
            Refused before accept
          </span>
          <span className="source-tag">{refusedStatus === null ? 'no answer' : 'HTTP'}</span>
        </div>
        <p className="close-meaning" data-testid="close-meaning">
          {refusedStatus === null
            ? 'The upgrade never got an HTTP answer, so no WebSocket was opened and none was closed.'
            : `The server answered the upgrade with HTTP ${refusedStatus} instead of 101: no WebSocket was opened, so there was no close frame. The handshake panel and the Overview show what the server said.`}
        </p>
        <dl className="kv">
          <dt>Recorded as</dt>
          <dd className="mono" data-testid="close-recorded-as">
            {close.code} (the client library's placeholder for a connection that never opened)
          </dd>
        </dl>
      </Panel>
    )
  }

  const meaning = describeCloseCode(close.code)
  return (
    <Panel
      title="Close"
      className="close-panel"
      testId="close-panel"
      actions={
        <span className={`status-pill ${close.clean ? 'ok' : 'bad'}`} data-testid="close-clean" data-clean={close.clean}>
          {close.clean ? 'clean' : 'not clean'}
        </span>
      }
    >
      <div className="close-headline">
        <span className={`close-code mono ${close.code === 1000 ? 'ok' : 'bad'}`} data-testid="close-code">
          {close.code}
        </span>
        <span className="close-name" data-testid="close-name">
          {meaning.name}
        </span>
        <span className="source-tag">{SOURCES[meaning.source]}</span>
      </div>
      <p className="close-meaning" data-testid="close-meaning">
        {meaning.meaning}
      </p>
      <dl className="kv">
        <dt>Reason</dt>
        <dd className="mono wrap" data-testid="close-reason">
          {close.reason ? `“${close.reason}”` : <span className="muted">(none)</span>}
        </dd>
        <dt>Initiator</dt>
        <dd data-testid="close-initiator">{INITIATORS[close.initiator]}</dd>
        <dt>Open for</dt>
        <dd className="mono">{formatMs(Math.max(0, close.t - anchorT))}</dd>
        <dt>Closed at</dt>
        <dd className="mono" data-testid="close-at" title={wallClock === null ? undefined : formatUtcPrecise(wallClock + close.t)}>
          {wallClock === null ? null : `${formatClockMs(wallClock + close.t)} · `}
          {formatOffset(close.t)}
        </dd>
      </dl>
    </Panel>
  )
}
