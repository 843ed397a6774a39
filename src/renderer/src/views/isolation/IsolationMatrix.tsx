import { useState } from 'react'
import { Drawer } from '../../components/Drawer'
import { EmptyState } from '../../components/EmptyState'
import { useAppStore } from '../../stores/use-app-store'
import { LeakDetail, type SelectedCell } from './LeakDetail'
import { MatrixTable } from './MatrixTable'
import './isolation-matrix.css'

/** Multi-user isolation: run N concurrent users, see who received whose events (sessions × sessions). */
export function IsolationMatrix() {
  const close = useAppStore((state) => state.closeDrawer)
  const users = useAppStore((state) => state.isolationUsers)
  const setUsers = useAppStore((state) => state.setIsolationUsers)
  const run = useAppStore((state) => state.runIsolation)
  const running = useAppStore((state) => state.isolationRunning)
  const result = useAppStore((state) => state.isolationResult)
  const error = useAppStore((state) => state.isolationError)
  const environment = useAppStore((state) => state.selectedEnvironmentId)
  const [selected, setSelected] = useState<SelectedCell | null>(null)
  const leakCount = result?.leaks.length ?? 0

  return (
    <Drawer
      title="Isolation"
      subtitle="N distinct users send at the same moment; every event must reach only its own user"
      onClose={close}
      testId="isolation-panel"
      footer={
        <div className="isolation-controls">
          <label className="field-label" htmlFor="isolation-users">
            Users
          </label>
          <input
            id="isolation-users"
            className="input isolation-users mono"
            type="number"
            min={2}
            max={50}
            value={users}
            data-testid="isolation-users"
            onChange={(event) => setUsers(Math.max(2, Math.min(50, Number(event.target.value) || 2)))}
          />
          <button
            type="button"
            className="btn btn-primary"
            data-testid="isolation-run"
            disabled={running || !environment}
            onClick={() => {
              setSelected(null)
              void run()
            }}
          >
            {running ? `Running ${users} users…` : `Run ${users} users on ${environment ?? '—'}`}
          </button>
        </div>
      }
    >
      {error ? (
        <p className="callout isolation-error" role="alert" data-testid="isolation-error">
          {error}
        </p>
      ) : null}
      {!result ? (
        <EmptyState title={running ? 'Running the users…' : 'No isolation check yet'}>
          {running ? null : 'Run the check: each user gets its own session (listed on the left), and the matrix shows every event that reached the wrong one.'}
        </EmptyState>
      ) : (
        <>
          <p className={`isolation-verdict ${leakCount ? 'bad' : 'ok'}`} data-testid="isolation-verdict" data-leaks={leakCount}>
            {leakCount
              ? `${leakCount} event${leakCount === 1 ? '' : 's'} reached the wrong user — per-user isolation is broken (websocket-manager).`
              : `No leak: ${result.participants.length} concurrent users each received only their own events.`}
          </p>
          <MatrixTable result={result} selected={selected} onSelect={setSelected} />
          {selected ? <LeakDetail result={result} cell={selected} /> : null}
        </>
      )}
    </Drawer>
  )
}
