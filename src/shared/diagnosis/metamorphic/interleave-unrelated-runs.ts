import type { FrameRecord } from '../../api/frame-record'
import { CRITICAL_EVENTS } from '../../protocol/agent-event'
import { normaliseEnvelope } from '../../protocol/normalise-envelope'
import { readAgentFrame } from './agent-frame'
import type { Chooser } from './chooser'
import type { SessionTransformation } from './session-transformation'
import { inboundJson, insertAfter, messageWith, type FrameRewrite, type JsonFrame } from './wire-frames'

/** The agent orders triage may choose (PROTOCOL.md §4). */
const PIPELINES = [
  ['triage', 'data', 'optimization', 'actions', 'reporting'],
  ['triage', 'data_helper', 'data', 'reporting'],
  ['triage', 'data_helper', 'reporting'],
  ['data_helper', 'reporting']
]

type Event = { type: string; agent: string; data: JsonFrame }

/** The events of one complete, healthy run: the Supervisor's wrapping (two or five events) around the agents' five each. */
function healthyRun(choose: Chooser): Event[] {
  const fiveFromSupervisor = choose.chance(0.5)
  const events: Event[] = [{ type: 'agent_started', agent: 'Supervisor', data: { status: 'started' } }]
  if (fiveFromSupervisor)
    events.push(
      { type: 'agent_thinking', agent: 'Supervisor', data: { status: 'thinking', reasoning: 'routing' } },
      { type: 'tool_executing', agent: 'Supervisor', data: { status: 'executing' } }
    )
  for (const agent of choose.pick(PIPELINES))
    for (const type of CRITICAL_EVENTS) events.push({ type, agent, data: { status: type.replace(/^agent_|^tool_/, '') } })
  if (fiveFromSupervisor) events.push({ type: 'tool_completed', agent: 'Supervisor', data: { status: 'completed' } })
  events.push({ type: 'agent_completed', agent: 'Supervisor', data: { status: 'completed', result: { orchestration_successful: true } } })
  return events
}

function flat(event: Event, runId: string, userId: string, threadId: string, nowMs: number): JsonFrame {
  const tool = event.type.startsWith('tool_') ? { tool_name: `${event.agent}_tool` } : {}
  return { type: event.type, run_id: runId, user_id: userId, thread_id: threadId, agent_name: event.agent, timestamp: new Date(nowMs).toISOString(), ...tool, data: event.data }
}

/** This session's user, as the server named it: the greeting's `user_id`, else its first agent event's. */
function sessionUser(records: readonly FrameRecord[]): { userId: string; firstAgentIndex: number } | null {
  let greeted: string | null = null
  for (let index = 0; index < records.length; index++) {
    const json = inboundJson(records[index])
    if (json === null) continue
    const event = normaliseEnvelope(json)
    if (event.type === 'connection_established') greeted ??= event.userId
    const agent = readAgentFrame(json)
    if (agent !== null) return { userId: greeted ?? agent.userId ?? '', firstAgentIndex: index }
  }
  return null
}

/**
 * Another request of the same user (another tab, another thread) runs at the same time, and its
 * events reach this socket too: complete, healthy runs with their own `run_id` and `thread_id`
 * and this user's `user_id`, interleaved between this run's frames. They appear only once this
 * session's own run has started and before its last frame, so no silence and no ending changes.
 */
export const interleaveUnrelatedRuns: SessionTransformation = {
  id: 'unrelated-runs',
  title: "the same user's other requests run at the same time, their events interleaved",
  apply: (records, choose) => {
    const user = sessionUser(records)
    const lastInbound = records.findLastIndex((record) => record.kind === 'message' && record.dir === 'in')
    if (user === null || !user.userId || lastInbound <= user.firstAgentIndex) return [...records]
    const wallClock = records.find((record) => record.kind === 'session-start')?.wallClock ?? 0
    const slots = Array.from({ length: lastInbound - user.firstAgentIndex }, (_, i) => user.firstAgentIndex + i)
    const insertions: Array<{ after: number; make: (t: number) => FrameRecord }> = []
    const runs = 1 + choose.int(2)
    for (let n = 0; n < runs; n++) {
      const runId = `run_other_${n + 1}_${choose.int(1e6)}`
      const threadId = `thread_other_${n + 1}`
      // Non-decreasing positions keep each run's own events in causal order.
      const positions = healthyRun(choose).map((event) => ({ event, after: choose.pick(slots) }))
      const sorted = positions.map((entry) => entry.after).sort((a, b) => a - b)
      positions.forEach((entry, i) =>
        insertions.push({
          after: sorted[i],
          make: (t) => messageWith({ seq: 0, t, dir: 'in' }, flat(entry.event, runId, user.userId, threadId, wallClock + t))
        })
      )
    }
    // insertAfter keeps insertion order within one position; order runs' events by position only.
    insertions.sort((a, b) => a.after - b.after)
    return insertAfter(records, insertions)
  }
}

/**
 * For a live server: right after this connection's first agent event, another request of the
 * same user (same `user_id`, its own run and thread) runs to completion on the same socket.
 */
export function unrelatedRunRewrite(choose: Chooser, nowMs: () => number): FrameRewrite {
  let done = false
  return (frame) => {
    const agent = done ? null : readAgentFrame(frame)
    if (agent === null || agent.userId === null) return [frame]
    done = true
    const runId = `run_other_live_${choose.int(1e6)}`
    return [frame, ...healthyRun(choose).map((event) => flat(event, runId, agent.userId as string, 'thread_other_live', nowMs()))]
  }
}
