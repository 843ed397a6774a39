import { readAgentFrame } from './agent-frame'
import type { Chooser } from './chooser'
import { editFrame } from './frame-layers'
import type { SessionTransformation } from './session-transformation'
import { rewriteInboundFrames, type FrameRewrite } from './wire-frames'

/**
 * `run_id` is what the five critical events are owed per, so every agent event keeps it; the
 * `thread_id` beside it is optional on the wire (PROTOCOL.md §3, flat envelope `"thread_id"?`).
 * Frame by frame, the thread id is dropped, or supplied where the server left it out.
 */
export function threadScopedIdsRewrite(choose: Chooser): FrameRewrite {
  const threadOfRun = new Map<string, string>()
  return (frame) => {
    const agent = readAgentFrame(frame)
    if (agent === null) return [frame]
    if (agent.threadId !== null) threadOfRun.set(agent.runId, agent.threadId)
    const known = threadOfRun.get(agent.runId) ?? `thread_of_${agent.runId}`
    const drop = agent.threadId !== null && choose.chance(0.5)
    const supply = agent.threadId === null && choose.chance(0.5)
    if (!drop && !supply) return [frame]
    return [
      editFrame(frame, (layer) => {
        if (drop) delete layer.thread_id
        else if (typeof layer.run_id === 'string') layer.thread_id = known
      })
    ]
  }
}

/** Agent events with `run_id` and `thread_id`, or `run_id` alone. */
export const threadScopedIds: SessionTransformation = {
  id: 'run-and-thread-ids',
  title: 'agent events with run_id and thread_id, or run_id alone',
  apply: (records, choose) => rewriteInboundFrames(records, threadScopedIdsRewrite(choose))
}
