import { describe, expect, it } from 'vitest'
import { agentRole } from './agent-spellings'
import { LIVE_REWRITES } from './live-rewrites'
import { faultCases, healthyCases } from './metamorphic-cases'
import { rewriteInboundFrames } from './wire-frames'
import { agentReadings, type WireReading } from './wire-readings'

const rewrite = (id: string) => LIVE_REWRITES.find((candidate) => candidate.id === id)
const sessions = [...healthyCases(), ...faultCases().filter((c) => /cross-user-leak|agent-death|tcp-drop/.test(c.key))]

describe('live rewrites, applied frame by frame as the sandbox applies them', () => {
  it.each(sessions.map((c) => [c.key, c] as const))('%s: each keeps what its transformations keep', (_key, testCase) => {
    const before = agentReadings(testCase.records)
    for (let seed = 1; seed <= 6; seed++) {
      const wire = agentReadings(rewriteInboundFrames(testCase.records, rewrite('wire-format')?.create(seed) ?? ((f) => [f])))
      const essence = (readings: WireReading[]) => readings.map((r) => [r.type, r.runId, r.userId, r.toolName, agentRole(r.agentName as string), r.data])
      expect(essence(wire)).toEqual(essence(before))

      const structure = agentReadings(rewriteInboundFrames(testCase.records, rewrite('run-structure')?.create(seed) ?? ((f) => [f])))
      const kept = (readings: WireReading[]) =>
        readings
          .filter((r) => r.type !== 'backend_log' && agentRole(r.agentName as string) !== 'supervisor' && !(agentRole(r.agentName as string) === 'triage' && r.type.startsWith('tool_')))
          .map(({ seq: _s, ...rest }) => rest)
      expect(kept(structure)).toEqual(kept(before))

      const unrelated = agentReadings(rewriteInboundFrames(testCase.records, rewrite('unrelated-run')?.create(seed) ?? ((f) => [f])))
      const own = new Set(before.map((r) => r.runId))
      expect(unrelated.filter((r) => own.has(r.runId)).map(({ seq: _s, t: _t, ...rest }) => rest)).toEqual(before.map(({ seq: _s, t: _t, ...rest }) => rest))
      const others = unrelated.filter((r) => !own.has(r.runId))
      expect(new Set(others.map((r) => r.runId)).size).toBe(1)
      expect(new Set(others.map((r) => r.userId))).toEqual(new Set([before[0].userId]))
      expect([others[others.length - 1].type, agentRole(others[others.length - 1].agentName as string)]).toEqual(['agent_completed', 'supervisor'])
    }
  })
})
