import { describe, expect, it } from 'vitest'
import { agentRole, AGENT_SPELLINGS } from './agent-spellings'
import { createChooser } from './chooser'
import { faultCases, healthyCases } from './metamorphic-cases'
import { respellAgentNames } from './respell-agent-names'
import { agentReadings } from './wire-readings'

describe('agent-name spellings', () => {
  const sessions = [...healthyCases().filter((c) => c.key.endsWith('/sufficient')), ...faultCases().filter((c) => c.key === 'cross-user-leak')]

  it.each(sessions.map((c) => [c.key, c] as const))('%s: every event keeps its type, run, tool and user; the agent keeps its role', (_key, testCase) => {
    const before = agentReadings(testCase.records)
    for (let seed = 1; seed <= 10; seed++) {
      const after = agentReadings(respellAgentNames.apply(testCase.records, createChooser(seed)))
      expect(after.map(({ agentName: _a, ...rest }) => rest)).toEqual(before.map(({ agentName: _a, ...rest }) => rest))
      after.forEach((reading, i) => expect(agentRole(reading.agentName as string)).toBe(agentRole(before[i].agentName as string)))
      // One spelling per agent for the whole stream, as one server build sends.
      const spellings = new Map<string, Set<string>>()
      after.forEach((reading) => spellings.set(agentRole(reading.agentName as string) as string, (spellings.get(agentRole(reading.agentName as string) as string) ?? new Set()).add(reading.agentName as string)))
      for (const names of spellings.values()) expect(names.size).toBe(1)
    }
  })

  it('uses every generation’s spelling across seeds', () => {
    const seen = new Set<string>()
    for (let seed = 1; seed <= 40; seed++)
      for (const reading of agentReadings(respellAgentNames.apply(healthyCases()[0].records, createChooser(seed)))) seen.add(reading.agentName as string)
    for (const role of ['supervisor', 'triage', 'data', 'optimization', 'actions', 'reporting'] as const)
      for (const name of AGENT_SPELLINGS[role]) expect(seen, name).toContain(name)
  })
})
