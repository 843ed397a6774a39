import { describe, expect, it } from 'vitest'
import { agentRole } from './agent-spellings'
import { createChooser } from './chooser'
import { healthyCases } from './metamorphic-cases'
import { supervisorWrapsOnly } from './supervisor-wraps-only'
import { agentReadings } from './wire-readings'

describe('Supervisor wrapping with two events', () => {
  it.each(healthyCases().map((c) => [c.key, c] as const))('%s: the Supervisor sends only agent_started and agent_completed; every other event stays', (_key, testCase) => {
    const before = agentReadings(testCase.records)
    const after = agentReadings(supervisorWrapsOnly.apply(testCase.records, createChooser(1)))
    const supervisor = (readings: typeof before, is: boolean) => readings.filter((reading) => (agentRole(reading.agentName as string) === 'supervisor') === is)
    expect(supervisor(after, true).map((reading) => reading.type)).toEqual(['agent_started', 'agent_completed'])
    expect(supervisor(after, false).map(({ seq: _s, ...rest }) => rest)).toEqual(supervisor(before, false).map(({ seq: _s, ...rest }) => rest))
    expect(after[0].type).toBe('agent_started')
    expect(after[after.length - 1].type).toBe('agent_completed')
  })
})
