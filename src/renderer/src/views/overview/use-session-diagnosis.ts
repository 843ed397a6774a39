import { useEffect } from 'react'
import type { ServiceLevels } from '../../../../shared/diagnosis'
import { replayEnded } from '../../stores/replay-slice'
import { useAppStore } from '../../stores/use-app-store'
import type { SessionDiagnosis } from '../../workers/diagnosis-protocol'

export { LIVE_TICK_MS, REDIAGNOSE_GAP_MS } from '../../workers/diagnosis-engine'

/**
 * The diagnosis of `sessionId`, judged off the UI thread by the diagnosis worker: at once when
 * mounted (or when the settings change), then at most every `REDIAGNOSE_GAP_MS` while records
 * arrive and on a slow live tick while the session is open, so silence shows up. Undefined
 * until the first one arrives; the previous one stays on screen while the next is judged.
 */
export function useSessionDiagnosis(
  sessionId: string,
  sla: ServiceLevels | undefined,
  expectedGeneration: string | null = null
): SessionDiagnosis | undefined {
  const watchDiagnosis = useAppStore((state) => state.watchDiagnosis)
  // A replay is judged at its cursor's time; a recording read to its end as ended (cut off without a close).
  const clock = useAppStore((state) => (state.replay?.viewId === sessionId ? 'records' : 'now'))
  const ended = useAppStore((state) => replayEnded(state, sessionId))
  useEffect(
    () => watchDiagnosis(sessionId, { sla, expectedGeneration, clock, ended }),
    [watchDiagnosis, sessionId, sla, expectedGeneration, clock, ended]
  )
  return useAppStore((state) => state.diagnoses[sessionId])
}
