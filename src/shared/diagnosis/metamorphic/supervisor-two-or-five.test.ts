import { describe, expect, it } from 'vitest'
import { CRITICAL_EVENTS } from '../../protocol/agent-event'
import { agentRole } from './agent-spellings'
import { faultCases, healthyCases } from './metamorphic-cases'
import { respellAgentNames } from './respell-agent-names'
import { createChooser } from './chooser'
import { supervisorTwoOrFiveRewrite } from './supervisor-two-or-five'
import { rewriteInboundFrames } from './wire-frames'
import { agentReadings, type WireReading } from './wire-readings'

const supervisor = (readings: WireReading[], is: boolean): WireReading[] => readings.filter((reading) => (agentRole(reading.agentName as string) === 'supervisor') === is)
const strip = (readings: WireReading[]) => readings.map(({ seq: _s, ...rest }) => rest)

describe('the Supervisor with two events or five', () => {
  it.each(healthyCases().map((c) => [c.key, c] as const))('%s: two wraps the run; five adds thinking and a tool pair before the end; every other event stays', (_key, testCase) => {
    const before = agentReadings(testCase.records)
    const two = agentReadings(rewriteInboundFrames(testCase.records, supervisorTwoOrFiveRewrite('two')))
    expect(supervisor(two, true).map((reading) => reading.type)).toEqual(['agent_started', 'agent_completed'])
    expect(two[0].type).toBe('agent_started')
    expect(two[two.length - 1].type).toBe('agent_completed')
    const five = agentReadings(rewriteInboundFrames(testCase.records, supervisorTwoOrFiveRewrite('five')))
    expect(supervisor(five, true).map((reading) => reading.type)).toEqual(['agent_started', 'agent_thinking', 'tool_executing', 'tool_completed', 'agent_completed'])
    const tools = supervisor(five, true).filter((reading) => reading.toolName !== null)
    expect(tools.map((reading) => reading.toolName)).toEqual([tools[0].toolName, tools[0].toolName])
    for (const after of [two, five]) expect(strip(supervisor(after, false))).toEqual(strip(supervisor(before, false)))
    // Starting from two, five restores all five types: the transformation works in both directions.
    const twoRecords = rewriteInboundFrames(testCase.records, supervisorTwoOrFiveRewrite('two'))
    expect(new Set(supervisor(agentReadings(rewriteInboundFrames(twoRecords, supervisorTwoOrFiveRewrite('five'))), true).map((r) => r.type))).toEqual(new Set(CRITICAL_EVENTS))
  })

  it('writes the added events in the envelope and spelling of the Supervisor’s own agent_completed', () => {
    const wrapped = healthyCases().find((c) => c.key === 'healthy@beta-10/insufficient')?.records ?? []
    const respelt = respellAgentNames.apply(wrapped, createChooser(3))
    const name = supervisor(agentReadings(respelt), true)[0].agentName
    const five = rewriteInboundFrames(respelt, supervisorTwoOrFiveRewrite('five'))
    const added = five.filter((record) => record.kind === 'message' && record.data.includes('_orchestrator'))
    expect(added).toHaveLength(2)
    for (const record of added) expect(record.kind === 'message' && JSON.parse(record.data).type).toBe('agent_progress')
    expect(new Set(supervisor(agentReadings(five), true).map((reading) => reading.agentName))).toEqual(new Set([name]))
  })

  it('adds nothing to a Supervisor that never completes (a silent server stays silent)', () => {
    const silent = faultCases().find((c) => c.key === 'server-silent')?.records ?? []
    expect(rewriteInboundFrames(silent, supervisorTwoOrFiveRewrite('five'))).toEqual(silent)
  })
})
