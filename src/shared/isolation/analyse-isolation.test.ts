import { describe, expect, it } from 'vitest'
import { SessionBuilder } from '../diagnosis/testing/session-builder'
import { analyseIsolation } from './analyse-isolation'

/** A flat agent event as the newest servers send it. */
function flat(type: string, runId: string, userId: string | null, threadId: string | null = null): Record<string, unknown> {
  return { type, run_id: runId, ...(userId ? { user_id: userId } : {}), ...(threadId ? { thread_id: threadId } : {}), agent_name: 'triage', timestamp: '2025-09-14T10:00:00Z', data: {} }
}

function session(user: string | null, events: Array<Record<string, unknown>>, ask = true): SessionBuilder {
  const builder = new SessionBuilder().start().accepted()
  if (user) builder.greeting(user)
  if (ask) builder.ask()
  for (const event of events) builder.incoming(event)
  return builder
}

describe('analyseIsolation', () => {
  it('sees nothing wrong when every session gets only its own events', () => {
    const report = analyseIsolation([
      { label: 'a', model: session('user-a', [flat('agent_started', 'run-a', 'user-a'), flat('agent_completed', 'run-a', 'user-a')]).model() },
      { label: 'b', model: session('user-b', [flat('agent_started', 'run-b', 'user-b'), flat('agent_completed', 'run-b', 'user-b')]).model() }
    ])
    expect(report.leaks).toEqual([])
    expect(report.matrix).toEqual([
      [0, 0],
      [0, 0]
    ])
    expect(report.participants.map((participant) => participant.runIds)).toEqual([['run-a'], ['run-b']])
  })

  it("attributes another session's user, run and thread as certain, with the owner's frame", () => {
    const a = session('user-a', [flat('agent_started', 'run-a', 'user-a', 'thread-a')])
    const b = session('user-b', [
      flat('agent_started', 'run-b', 'user-b'),
      flat('agent_thinking', 'run-a', 'user-a'),
      flat('tool_executing', 'run-a', null),
      flat('tool_completed', 'run-x', null, 'thread-a')
    ])
    const report = analyseIsolation([
      { label: 'a', model: a.model() },
      { label: 'b', model: b.model() }
    ])
    expect(report.leaks.map((leak) => [leak.receiver, leak.owner, leak.reason, leak.confidence])).toEqual([
      [1, 0, 'user', 'certain'],
      [1, 0, 'run', 'certain'],
      [1, 0, 'thread', 'certain']
    ])
    const ownerFrame = report.leaks[0].ownerFrame
    expect(a.model().records.find((record) => record.seq === ownerFrame?.seq)?.kind).toBe('message')
    expect(ownerFrame?.type).toBe('agent_started')
    expect(report.matrix).toEqual([
      [0, 0],
      [3, 0]
    ])
    expect(report.findings[0]).toMatchObject({ component: 'websocket-manager', code: 'isolation.cross-user-event', confidence: 'certain', sessionId: b.model().sessionId })
    expect(report.findings[0].evidence.map((evidence) => evidence.seq)).toEqual([report.leaks[0].frame.seq, ownerFrame?.seq])
  })

  it('calls an event likely when it belongs to no session, or arrives before this session asked anything', () => {
    const report = analyseIsolation([
      { label: 'a', model: session('user-a', [flat('agent_started', 'run-a', 'user-a'), flat('agent_thinking', 'run-z', 'stranger')]).model() },
      { label: 'b', model: session('user-b', [flat('agent_started', 'run-q', null)], false).model() }
    ])
    expect(report.leaks.map((leak) => [leak.receiver, leak.owner, leak.reason, leak.confidence])).toEqual([
      [0, null, 'user', 'likely'],
      [1, null, 'unrequested', 'likely']
    ])
    expect(report.unowned).toEqual([1, 1])
    expect(report.findings[1].evidence).toHaveLength(1)
  })

  it('on servers without user_id, a run belongs to the session that saw it after asking; a copy elsewhere is a leak', () => {
    const report = analyseIsolation([
      { label: 'a', model: session(null, [flat('agent_started', 'run-a', null), flat('agent_completed', 'run-a', null)]).model() },
      { label: 'b', model: session(null, [flat('agent_started', 'run-b', null), flat('agent_completed', 'run-a', null)]).model() }
    ])
    expect(report.leaks).toHaveLength(1)
    expect(report.leaks[0]).toMatchObject({ receiver: 1, owner: 0, reason: 'run', confidence: 'certain' })
  })
})
