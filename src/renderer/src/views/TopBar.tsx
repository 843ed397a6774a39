import { useShallow } from 'zustand/react/shallow'
import { StateBadge, type BadgeState } from '../components/StateBadge'
import { formatBytes, formatCount } from '../lib/format'
import { selectActiveConnectionState, selectActiveIsLive, selectActiveIsReplay, selectActiveModel, selectActiveSummary } from '../stores/select-active'
import { useAppStore } from '../stores/use-app-store'
import { ConnectOptions } from './ConnectOptions'
import { EnvironmentPicker } from './EnvironmentPicker'
import { ExportButtons } from './ExportButtons'
import { IsolationButton } from './isolation/IsolationButton'
import { RecordToggle } from './library/RecordToggle'
import { SettingsButtons } from './settings/SettingsButtons'
import { ThemeSelect } from './settings/ThemeSelect'
import { PanelToggle } from '../components/resizable/PanelToggle'

function ConnectButton() {
  const state = useAppStore(selectActiveConnectionState)
  // A replay or an opened recording passes through "open" without a connection behind it.
  const isLiveSession = useAppStore(selectActiveIsLive)
  const pending = useAppStore((s) => s.pendingAction)
  const canConnect = useAppStore((s) => s.selectedEnvironmentId !== null)
  const { connect, disconnect } = useAppStore(useShallow((s) => ({ connect: s.connect, disconnect: s.disconnect })))
  const live = isLiveSession && (state === 'open' || state === 'connecting')

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
    // A replay or an opened recording has no connection to report, whatever state its records reached.
    if (s.activeSessionId !== null && !selectActiveIsLive(s)) return selectActiveIsReplay(s) ? 'replay' : 'recording'
    const connectionState = selectActiveConnectionState(s)
    // Only the list knows "closing" (the close handshake started, no close record yet).
    return selectActiveSummary(s)?.state === 'closing' && connectionState === 'open' ? 'closing' : connectionState
  })
  return <StateBadge state={state} testId="session-state" />
}

function Counters() {
  const stats = useAppStore((s) => selectActiveModel(s)?.stats)
  if (!stats) return <div className="counters" />
  return (
    <div className="counters mono" aria-label="Frame counters">
      <span className="counter" data-testid="counter-in" data-frames={stats.framesIn} data-bytes={stats.bytesIn} title={`${formatCount(stats.framesIn)} frames received · ${formatBytes(stats.bytesIn)}`}>
        <span className="dir-in">↓</span> {formatCount(stats.framesIn)} <span className="muted">· {formatBytes(stats.bytesIn)}</span>
      </span>
      <span className="counter" data-testid="counter-out" data-frames={stats.framesOut} data-bytes={stats.bytesOut} title={`${formatCount(stats.framesOut)} frames sent · ${formatBytes(stats.bytesOut)}`}>
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

/**
 * The window's top bar, two rows. The first is the app's: product, then the session in view (state,
 * counters, export) — room for future screen buttons between. The second says where and how the next
 * session connects, ending in Connect.
 */
export function TopBar() {
  return (
    <header className="top-bar">
      <div className="top-bar-row">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Netra Diagnostics
        </div>
        <div className="top-bar-session">
          <LiveState />
          <Counters />
        </div>
        <IsolationButton />
        <SettingsButtons />
        <ExportButtons />
        <div className="view-controls" role="group" aria-label="View">
          <PanelToggle panel="sidebar" controls="area-sidebar" label="Sessions" glyph="◧" />
          <PanelToggle panel="bottom" controls="area-bottom" label="Panels" glyph="⬓" />
          <ThemeSelect />
        </div>
      </div>
      <div className="connection-bar">
        <EnvironmentPicker />
        <ConnectOptions />
        <RecordToggle />
        <ConnectButton />
      </div>
    </header>
  )
}
