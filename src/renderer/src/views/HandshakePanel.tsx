import type { HandshakeRecord } from '../../../shared/api/frame-record'
import { EmptyState } from '../components/EmptyState'
import { Panel } from '../components/Panel'
import { formatMs } from '../lib/format'
import { selectActiveModel } from '../stores/select-active'
import { useAppStore } from '../stores/use-app-store'

function HeaderTable({ title, headers }: { title: string; headers: Record<string, string> }) {
  const entries = Object.entries(headers)
  return (
    <details className="headers">
      <summary>
        {title} <span className="muted">({entries.length})</span>
      </summary>
      <table className="header-table mono">
        <tbody>
          {entries.map(([name, value]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  )
}

function statusText(handshake: HandshakeRecord): string {
  if (handshake.status === null) return 'no HTTP response'
  return `${handshake.status}${handshake.statusText ? ` ${handshake.statusText}` : ''}`
}

/** The HTTP upgrade: where to, what came back, which subprotocol, how long, and why not. */
export function HandshakePanel() {
  const handshake = useAppStore((state) => selectActiveModel(state)?.handshake ?? null)
  const startUrl = useAppStore((state) => selectActiveModel(state)?.start?.url ?? null)
  const connection = useAppStore((state) => selectActiveModel(state)?.connection ?? null)

  if (!handshake) {
    return (
      <Panel title="Handshake" className="handshake-panel" testId="handshake-panel">
        {startUrl ? (
          <dl className="kv">
            <dt>URL</dt>
            <dd className="mono wrap">{startUrl}</dd>
            <dt>Status</dt>
            <dd className="muted">waiting for the upgrade response…</dd>
          </dl>
        ) : (
          <EmptyState title="Not connected">The HTTP upgrade appears here once a session starts.</EmptyState>
        )}
      </Panel>
    )
  }

  return (
    <Panel
      title="Handshake"
      className="handshake-panel"
      testId="handshake-panel"
      actions={<span className="mono muted" data-testid="handshake-ms">{formatMs(handshake.ms)}</span>}
    >
      <dl className="kv">
        <dt>URL</dt>
        <dd className="mono wrap" data-testid="handshake-url">
          {handshake.url}
        </dd>
        <dt>Status</dt>
        <dd>
          <span
            className={`status-pill ${handshake.ok ? 'ok' : 'bad'}`}
            data-testid="handshake-status"
            data-status={handshake.status ?? ''}
          >
            {statusText(handshake)}
          </span>
        </dd>
        <dt>Offered</dt>
        <dd className="chips">
          {handshake.subprotocolsOffered.length === 0 ? (
            <span className="muted">none</span>
          ) : (
            handshake.subprotocolsOffered.map((protocol) => (
              <span key={protocol} className="chip mono" title={protocol}>
                {protocol}
              </span>
            ))
          )}
        </dd>
        <dt>Chosen</dt>
        <dd className="mono" data-testid="handshake-subprotocol">
          {handshake.subprotocol ?? <span className="muted">none</span>}
        </dd>
        {connection ? (
          <>
            <dt>Connection</dt>
            <dd className="mono ellipsis" title={connection.connectionId ?? undefined}>
              {connection.connectionId ?? '—'}
              {connection.mode ? <span className="muted"> · {connection.mode}</span> : null}
            </dd>
          </>
        ) : null}
        {handshake.error ? (
          <>
            <dt>Error</dt>
            <dd className="error-text" data-testid="handshake-error">
              {handshake.error}
            </dd>
          </>
        ) : null}
      </dl>
      {handshake.body ? <pre className="refusal-body mono">{handshake.body}</pre> : null}
      <HeaderTable title="Request headers" headers={handshake.requestHeaders} />
      <HeaderTable title="Response headers" headers={handshake.responseHeaders} />
    </Panel>
  )
}
