import { useShallow } from 'zustand/react/shallow'
import { AuthMethodSchema, type AuthMethod } from '../../../shared/api/frame-record'
import { KindBadge } from '../components/KindBadge'
import { StateBadge, type BadgeState } from '../components/StateBadge'
import { formatBytes, formatCount } from '../lib/format'
import { selectActiveModel, selectActiveSummary } from '../stores/select-active'
import { useAppStore } from '../stores/use-app-store'

const AUTH_METHODS = AuthMethodSchema.options

function EnvironmentPicker() {
  const environments = useAppStore((state) => state.environments)
  const selectedId = useAppStore((state) => state.selectedEnvironmentId)
  const authMethod = useAppStore((state) => state.authMethod)
  const { selectEnvironment, setAuthMethod } = useAppStore(
    useShallow((state) => ({ selectEnvironment: state.selectEnvironment, setAuthMethod: state.setAuthMethod }))
  )
  const selected = environments.find((env) => env.id === selectedId)

  return (
    <div className="env-picker">
      <label className="field-label" htmlFor="env-select">
        Environment
      </label>
      <select
        id="env-select"
        className="select"
        data-testid="env-select"
        value={selectedId ?? ''}
        disabled={environments.length === 0}
        onChange={(event) => selectEnvironment(event.target.value)}
      >
        {environments.length === 0 ? <option value="">loading…</option> : null}
        {environments.map((env) => (
          <option key={env.id} value={env.id}>
            {env.name}
          </option>
        ))}
      </select>
      {selected ? <KindBadge kind={selected.kind} /> : null}
      <span className="env-url mono" data-testid="env-url" title={selected?.wsUrl ?? undefined}>
        {selected ? (selected.wsUrl ?? (selected.kind === 'sandbox' ? 'embedded sandbox' : 'no URL configured')) : ''}
      </span>
      <select
        id="auth-select"
        className="select select-compact"
        data-testid="auth-select"
        aria-label="Auth method"
        title="How the token is presented on the WebSocket upgrade"
        value={authMethod ?? ''}
        disabled={!selected}
        onChange={(event) => setAuthMethod(event.target.value === '' ? null : (event.target.value as AuthMethod))}
      >
        <option value="">auth: {selected ? selected.authMethod : 'default'}</option>
        {AUTH_METHODS.filter((method) => method !== selected?.authMethod).map((method) => (
          <option key={method} value={method}>
            auth: {method}
          </option>
        ))}
      </select>
    </div>
  )
}

function ConnectButton() {
  const state = useAppStore((s) => selectActiveModel(s)?.state ?? 'idle')
  const pending = useAppStore((s) => s.pendingAction)
  const canConnect = useAppStore((s) => s.selectedEnvironmentId !== null)
  const { connect, disconnect } = useAppStore(useShallow((s) => ({ connect: s.connect, disconnect: s.disconnect })))
  const live = state === 'open' || state === 'connecting'

  if (pending) {
    return (
      <button type="button" className="btn btn-primary" data-testid="connect-button" disabled>
        {pending === 'connecting' ? 'Connecting…' : 'Disconnecting…'}
      </button>
    )
  }
  return live ? (
    <button type="button" className="btn btn-danger" data-testid="connect-button" onClick={() => void disconnect()}>
      Disconnect
    </button>
  ) : (
    <button
      type="button"
      className="btn btn-primary"
      data-testid="connect-button"
      disabled={!canConnect}
      onClick={() => void connect()}
    >
      Connect
    </button>
  )
}

function LiveState() {
  const state = useAppStore((s): BadgeState => {
    const modelState = selectActiveModel(s)?.state
    // Only the list knows "closing" (the close handshake started, no close record yet).
    return selectActiveSummary(s)?.state === 'closing' && modelState === 'open' ? 'closing' : (modelState ?? 'idle')
  })
  return <StateBadge state={state} testId="session-state" />
}

function Counters() {
  const stats = useAppStore((s) => selectActiveModel(s)?.stats)
  if (!stats) return <div className="counters" />
  return (
    <div className="counters mono" aria-label="Frame counters">
      <span className="counter" data-testid="counter-in" data-frames={stats.framesIn} data-bytes={stats.bytesIn}>
        <span className="dir-in">↓</span> {formatCount(stats.framesIn)} <span className="muted">· {formatBytes(stats.bytesIn)}</span>
      </span>
      <span className="counter" data-testid="counter-out" data-frames={stats.framesOut} data-bytes={stats.bytesOut}>
        <span className="dir-out">↑</span> {formatCount(stats.framesOut)} <span className="muted">· {formatBytes(stats.bytesOut)}</span>
      </span>
      {stats.flagged > 0 ? (
        <span className="counter counter-flagged" data-testid="counter-flagged" title="Malformed or binary frames">
          ⚑ {formatCount(stats.flagged)}
        </span>
      ) : null}
    </div>
  )
}

/** The window's top bar: product, environment, connect, live state and counters. */
export function TopBar() {
  return (
    <header className="top-bar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        Netra Diagnostics
      </div>
      <EnvironmentPicker />
      <div className="top-bar-session">
        <ConnectButton />
        <LiveState />
        <Counters />
      </div>
    </header>
  )
}
