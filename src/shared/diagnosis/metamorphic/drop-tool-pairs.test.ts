import { describe, expect, it } from 'vitest'
import { agentRole } from './agent-spellings'
import { createChooser } from './chooser'
import { dropToolPairs } from './drop-tool-pairs'
import { faultCases, healthyCases } from './metamorphic-cases'
import { agentReadings, type WireReading } from './wire-readings'

const TOOL = new Set(['tool_executing', 'tool_completed'])

function byAgent(readings: WireReading[]): Map<string, string[]> {
  const map = new Map<string, string[]>()
  for (const reading of readings) {
    const key = `${reading.runId}|${reading.agentName}`
    map.set(key, [...(map.get(key) ?? []), reading.type])
  }
  return map
}

describe('agents without tools', () => {
  it.each(healthyCases().map((c) => [c.key, c] as const))('%s: chosen agents lose both tool events and nothing else; they still complete', (_key, testCase) => {
    const before = byAgent(agentReadings(testCase.records))
    for (let seed = 1; seed <= 10; seed++) {
      const after = byAgent(agentReadings(dropToolPairs.apply(testCase.records, createChooser(seed))))
      let changed = 0
      for (const [key, types] of before) {
        const now = after.get(key) as string[]
        expect(now.filter((type) => !TOOL.has(type)), key).toEqual(types.filter((type) => !TOOL.has(type)))
        if (now.length !== types.length) {
          changed++
          expect(now.some((type) => TOOL.has(type)), key).toBe(false)
          expect(now[now.length - 1]).toBe('agent_completed')
          expect(agentRole(key.split('|')[1])).not.toBe('supervisor')
        }
      }
      expect(changed).toBeGreaterThan(0)
      // The run still shows all five types: some agent other than the Supervisor keeps its tool pair.
      const withTools = [...after.entries()].filter(([key, types]) => agentRole(key.split('|')[1]) !== 'supervisor' && types.includes('tool_completed'))
      expect(withTools.length).toBeGreaterThan(0)
    }
  })

  it('changes nothing in a run with a single agent that could lose its tools', () => {
    const testCase = faultCases().find((c) => c.key === 'agent-death')
    expect(dropToolPairs.apply(testCase?.records ?? [], createChooser(1))).toEqual(testCase?.records)
  })

  it('never drops an unanswered tool_executing: that is the missing-tool-completed fault itself', () => {
    const testCase = faultCases().find((c) => c.key === 'missing-tool-completed')
    for (let seed = 1; seed <= 20; seed++) {
      const after = agentReadings(dropToolPairs.apply(testCase?.records ?? [], createChooser(seed)))
      expect(after.filter((reading) => reading.agentName === 'data_helper').map((reading) => reading.type)).toEqual(['agent_started', 'agent_thinking', 'tool_executing', 'agent_completed'])
    }
  })
})
