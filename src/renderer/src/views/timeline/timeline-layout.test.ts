import { describe, expect, it } from 'vitest'
import { DEFAULT_SLA } from '../../../../shared/environments'
import type { AgentRun, AgentTimeline, RunEvent } from '../../../../shared/session-model'
import { layoutRun } from './timeline-layout'

let seq = 0
function agent(agentName: string, steps: Array<[string, number, string?]>): AgentTimeline {
  const events: RunEvent[] = steps.map(([type, t, toolName]) => ({ seq: ++seq, t, type, agentName, toolName: toolName ?? null, status: null }))
  const has = (type: string): boolean => events.some((event) => event.type === type)
  return {
    agentName,
    events,
    critical: {
      agent_started: has('agent_started'),
      agent_thinking: has('agent_thinking'),
      tool_executing: has('tool_executing'),
      tool_completed: has('tool_completed'),
      agent_completed: has('agent_completed')
    }
  }
}

function run(agents: AgentTimeline[], status: AgentRun['status'] = 'completed'): AgentRun {
  const times = agents.flatMap((entry) => entry.events.map((event) => event.t))
  return { runId: 'r1', threadId: null, agents, eventCount: times.length, firstT: Math.min(...times), lastT: Math.max(...times), status }
}

describe('layoutRun', () => {
  it('draws an expected agent that never started as a missing lane, and an unanswered tool as open', () => {
    const layout = layoutRun(
      run(
        [
          agent('Supervisor', [['agent_started', 0]]),
          agent('triage', [['agent_started', 10], ['agent_completed', 50]]),
          agent('data_helper', [['agent_started', 60], ['tool_executing', 70, 'data_helper'], ['agent_death', 90]])
        ],
        'error'
      ),
      'insufficient',
      DEFAULT_SLA,
      100
    )
    expect(layout.lanes.map((lane) => [lane.agentName, lane.state])).toEqual([
      ['Supervisor', 'ran'],
      ['triage', 'ran'],
      ['data_helper', 'ran'],
      ['reporting', 'never-started']
    ])
    const helper = layout.lanes[2]
    expect(helper.ending).toBe('dead')
    expect(helper.tools).toEqual([{ toolName: 'data_helper', startSeq: expect.any(Number), start: 70, end: 90, endSeq: null }])
    expect(layout.inversions).toEqual([])
  })

  it('marks optimization before data as an inversion even when triage did not expect either', () => {
    const layout = layoutRun(
      run([
        agent('triage', [['agent_started', 0], ['agent_completed', 10]]),
        agent('optimization', [['agent_started', 20], ['agent_completed', 30]]),
        agent('data', [['agent_started', 40], ['agent_completed', 50]]),
        agent('reporting', [['agent_started', 60], ['agent_completed', 70]])
      ]),
      'insufficient',
      DEFAULT_SLA,
      70
    )
    expect(layout.inversions.map((inversion) => `${inversion.after} before ${inversion.before}`)).toEqual(['optimization before data'])
    expect(layout.lanes.find((lane) => lane.agentName === 'data_helper')?.state).toBe('never-started')
  })

  it('marks a data-processing breach against the environment threshold, and gaps of a second or more', () => {
    const layout = layoutRun(
      run([
        agent('data_helper', [['agent_started', 0], ['agent_thinking', 6_000], ['agent_completed', 6_100]]),
        agent('reporting', [['agent_started', 6_200], ['agent_completed', 6_300]])
      ]),
      null,
      { ...DEFAULT_SLA, reportAfterDataMs: 100 },
      6_300
    )
    expect(layout.decision).toBe('unknown')
    const bands = Object.fromEntries(layout.sla.map((band) => [band.id, band.breached]))
    expect(bands).toEqual({ data: true, report: true, full: false })
    expect(layout.lanes.find((lane) => lane.agentName === 'data_helper')?.gaps).toEqual([{ start: 0, end: 6_000 }])
  })
})
