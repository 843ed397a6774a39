import { useShallow } from 'zustand/react/shallow'
import type { ServiceLevels } from '../../../../shared/diagnosis'
import { EmptyState } from '../../components/EmptyState'
import type { AppState } from '../../stores/app-state'
import { selectActiveModel } from '../../stores/select-active'
import { useAppStore } from '../../stores/use-app-store'
import { OverviewEmpty } from './OverviewEmpty'
import { SessionOverview } from './SessionOverview'

// The session's own environment (not the one picked for the next connect).
function sessionEnvironment(state: AppState) {
  const environmentId = selectActiveModel(state)?.start?.environment.id
  return state.environments.find((environment) => environment.id === environmentId)
}

function selectSla(state: AppState): ServiceLevels | undefined {
  return sessionEnvironment(state)?.sla
}

/** The Overview tab: the active session's diagnosis, or what it will show before there is one. */
export function OverviewPane() {
  const sessionId = useAppStore((state) => state.activeSessionId)
  const model = useAppStore(selectActiveModel)
  // Shallow: a reloaded environment list brings an equal SLA, which must not re-diagnose.
  const sla = useAppStore(useShallow(selectSla))
  const expectedGeneration = useAppStore((state) => sessionEnvironment(state)?.expectedGeneration ?? null)

  return (
    <section className="panel overview-pane" aria-label="Overview">
      {sessionId === null ? (
        <OverviewEmpty />
      ) : model ? (
        <SessionOverview key={sessionId} model={model} sla={sla} expectedGeneration={expectedGeneration} />
      ) : (
        <EmptyState title="Loading the session…">Its records are being fetched from the backend.</EmptyState>
      )}
    </section>
  )
}
