import type { AgentRun } from '../session-model'
import type { InboundEvent } from './session-evidence'

/** Whose session this is, and which events and runs belong to someone else. */
export type RunOwnership = {
  /** The user this session should see: `connection_established.user_id`, else the token's `sub`, else the majority. */
  expectedUser: string | null
  expectedUserSource: 'connection_established' | 'token sub' | 'majority of events' | null
  /** Events that carry another user's `user_id`. */
  foreignEvents: InboundEvent[]
  /** Runs made only of foreign events: someone else's run leaking into this socket. */
  foreignRunIds: Set<string>
}

/**
 * Sort events into this session's and other users'. A per-user isolated connection must
 * only ever carry its own user's events, so any other `user_id` is a leak.
 */
export function readRunOwnership(
  events: readonly InboundEvent[],
  tokenSub: string | null,
  runs: readonly AgentRun[]
): RunOwnership {
  const greeting = events.find((entry) => entry.event.type === 'connection_established')
  let expectedUser: string | null = greeting?.event.userId ?? null
  let expectedUserSource: RunOwnership['expectedUserSource'] = expectedUser ? 'connection_established' : null
  const carrying = events.filter(
    (entry) => entry.event.userId !== null && entry.event.type !== 'connection_established'
  )
  if (!expectedUser && tokenSub && carrying.some((entry) => entry.event.userId === tokenSub)) {
    expectedUser = tokenSub
    expectedUserSource = 'token sub'
  }
  if (!expectedUser && carrying.length > 0) {
    const counts = new Map<string, number>()
    for (const entry of carrying)
      counts.set(entry.event.userId as string, (counts.get(entry.event.userId as string) ?? 0) + 1)
    const distinct = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    // With a single user in play there is nothing to compare against.
    if (distinct.length > 1) {
      expectedUser = distinct[0][0]
      expectedUserSource = 'majority of events'
    }
  }
  const foreignEvents = expectedUser ? carrying.filter((entry) => entry.event.userId !== expectedUser) : []
  const foreignSeqs = new Set(foreignEvents.map((entry) => entry.seq))
  const foreignRunIds = new Set<string>()
  for (const run of runs) {
    const seqs = run.agents.flatMap((agent) => agent.events.map((event) => event.seq))
    if (seqs.length > 0 && seqs.every((seq) => foreignSeqs.has(seq))) foreignRunIds.add(run.runId)
  }
  return { expectedUser, expectedUserSource, foreignEvents, foreignRunIds }
}
