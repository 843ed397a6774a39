import { useState } from 'react'
import type { Component, ServiceLevels } from '../../../../shared/diagnosis'
import type { SessionModel } from '../../../../shared/session-model'
import { EmptyState } from '../../components/EmptyState'
import { AttemptsList } from './AttemptsList'
import { FindingsList } from './FindingsList'
import { HealthGrid } from './HealthGrid'
import { PreflightTable } from './PreflightTable'
import { TokenClaims } from './TokenClaims'
import { useSessionDiagnosis } from './use-session-diagnosis'
import { VerdictHeader } from './VerdictHeader'

/**
 * The diagnosis of one session. At the left the verdict and summary, then the findings and the
 * raw evidence (attempts, preflight, token); at the right, full height, the health grid and the
 * open cell's evidence.
 * Mount it keyed by session id: its diagnosis and open cell belong to one session.
 */
export function SessionOverview({
  model,
  sla,
  expectedGeneration = null
}: {
  model: SessionModel
  sla: ServiceLevels | undefined
  expectedGeneration?: string | null
}) {
  const judged = useSessionDiagnosis(model.sessionId, sla, expectedGeneration)
  const [openComponent, setOpenComponent] = useState<Component | null>(null)
  if (!judged) {
    return (
      <div className="overview" data-testid="overview" data-state={model.state}>
        <EmptyState title="Diagnosing…">The session is being judged in the background.</EmptyState>
      </div>
    )
  }
  const { diagnosis, nowMs } = judged
  // A finished session's token is judged at the session's own end, not today.
  const lastT = model.rows.at(-1)?.t ?? 0
  const tokenNow = nowMs ?? (model.start ? model.start.wallClock + lastT : 0)

  return (
    <div className="overview" data-testid="overview" data-state={model.state}>
      <div className="overview-main">
        <VerdictHeader diagnosis={diagnosis} model={model} />
        <div className="overview-scroll">
          <FindingsList findings={diagnosis.findings} />
          {model.attempts.length > 1 ? <AttemptsList attempts={model.attempts} /> : null}
          <PreflightTable preflight={model.preflight} gathering={model.state === 'connecting' && model.attempts.length === 0} />
          {model.token || model.start?.authMethod !== 'none' ? <TokenClaims token={model.token} nowMs={tokenNow} /> : null}
        </div>
      </div>
      <div className="overview-side">
        <HealthGrid diagnosis={diagnosis} open={openComponent} onOpen={setOpenComponent} />
      </div>
    </div>
  )
}
