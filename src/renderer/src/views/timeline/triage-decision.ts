import type { FrameRecord } from '../../../../shared/api/frame-record'
import { parseFrame } from '../../../../shared/protocol/parse-frame'
import type { AgentRun } from '../../../../shared/session-model'
import { findIndexBySeq } from '../../lib/find-by-seq'
import { readTriageDecision, type TriageDecision } from './expected-pipeline'

/**
 * What triage decided for a run, read from its `agent_completed` result (`data_sufficiency`).
 * Null when triage did not complete or its frame is not among the records the renderer holds;
 * the layout then infers the decision from the agents it saw.
 */
export function triageDecisionOf(run: AgentRun, records: readonly FrameRecord[]): TriageDecision | null {
  const triage = run.agents.find((agent) => agent.agentName === 'triage')
  const completed = triage?.events.find((event) => event.type === 'agent_completed')
  if (!completed) return null
  const record = records[findIndexBySeq(records, completed.seq)]
  if (!record || record.kind !== 'message') return null
  const event = parseFrame(record.encoding, record.data).event
  if (!event) return null
  const result = event.data.result
  const fromResult = typeof result === 'object' && result !== null ? (result as Record<string, unknown>).data_sufficiency : undefined
  return readTriageDecision(fromResult ?? event.data.data_sufficiency)
}
