import { useEffect } from 'react'
import type { FrameRecord } from '../../../../shared/api/frame-record'
import { parseFrame } from '../../../../shared/protocol/parse-frame'
import type { AgentRun } from '../../../../shared/session-model'
import { useAppStore } from '../../stores/use-app-store'
import { readTriageDecision, type TriageDecision } from './expected-pipeline'

/** The seq of the frame where triage completed in this run, or null. */
export function triageCompletionSeq(run: AgentRun): number | null {
  const triage = run.agents.find((agent) => agent.agentName === 'triage')
  return triage?.events.find((event) => event.type === 'agent_completed')?.seq ?? null
}

/**
 * What triage decided, read from its `agent_completed` record (`data_sufficiency`), or null when
 * the record is not a message or says nothing usable; the layout then infers the decision.
 */
export function triageDecisionOf(record: FrameRecord | undefined): TriageDecision | null {
  if (!record || record.kind !== 'message') return null
  const event = parseFrame(record.encoding, record.data).event
  if (!event) return null
  const result = event.data.result
  const fromResult = typeof result === 'object' && result !== null ? (result as Record<string, unknown>).data_sufficiency : undefined
  return readTriageDecision(fromResult ?? event.data.data_sufficiency)
}

/**
 * The selected run's triage decision. Only its one frame is read — fetched by seq when the
 * renderer's record window does not hold it — so choosing a run costs the same in a session of
 * 10 runs or 10 000 (the Report tab's hook reads every output frame of the session).
 */
export function useTriageDecision(run: AgentRun | null): TriageDecision | null {
  const sessionId = useAppStore((state) => state.activeSessionId)
  const seq = run ? triageCompletionSeq(run) : null
  const record = useAppStore((state) => {
    void state.recordsLoaded // a fetched range landed: look again
    return sessionId === null || seq === null ? undefined : state.recordAt(sessionId, seq)
  })
  const loadRecord = useAppStore((state) => state.loadRecord)
  useEffect(() => {
    if (sessionId !== null && seq !== null && !record) void loadRecord(sessionId, seq, true)
  }, [sessionId, seq, record, loadRecord])
  return triageDecisionOf(record)
}
