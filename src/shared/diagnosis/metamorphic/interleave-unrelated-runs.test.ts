import { describe, expect, it } from 'vitest'
import { CRITICAL_EVENTS } from '../../protocol/agent-event'
import { agentRole } from './agent-spellings'
import { createChooser } from './chooser'
import { interleaveUnrelatedRuns } from './interleave-unrelated-runs'
import { faultCases, healthyCases } from './metamorphic-cases'
import { agentReadings, wireReadings } from './wire-readings'

describe("the same user's unrelated runs interleaved", () => {
  const sessions = [...healthyCases().filter((c) => c.key.endsWith('/unknown')), ...faultCases().filter((c) => /cross-user-leak|demo-mode|restart-1012/.test(c.key))]

  it.each(sessions.map((c) => [c.key, c] as const))('%s: the session’s own frames stay in order; the others are complete healthy runs of this user', (_key, testCase) => {
    const own = wireReadings(testCase.records).map(({ seq: _s, ...rest }) => rest)
    const greetingUser = wireReadings(testCase.records).find((reading) => reading.type === 'connection_established')?.userId
    const ownRuns = new Set(agentReadings(testCase.records).map((reading) => reading.runId))
    for (let seed = 1; seed <= 10; seed++) {
      const after = interleaveUnrelatedRuns.apply(testCase.records, createChooser(seed))
      const readings = wireReadings(after)
      expect(readings.filter((reading) => !reading.runId?.startsWith('run_other_')).map(({ seq: _s, ...rest }) => rest)).toEqual(own)
      const others = agentReadings(after).filter((reading) => !ownRuns.has(reading.runId))
      expect(others.length).toBeGreaterThan(0)
      for (const runId of new Set(others.map((reading) => reading.runId))) {
        const run = others.filter((reading) => reading.runId === runId)
        expect(new Set(run.map((reading) => reading.userId))).toEqual(new Set([greetingUser]))
        for (const type of CRITICAL_EVENTS) expect(run.map((reading) => reading.type), runId as string).toContain(type)
        const last = run[run.length - 1]
        expect([last.type, agentRole(last.agentName as string)]).toEqual(['agent_completed', 'supervisor'])
      }
      // Not before this session's own run began, and not after the server's last original frame.
      const firstOwn = readings.findIndex((reading) => ownRuns.has(reading.runId))
      expect(readings.findIndex((reading) => reading.runId?.startsWith('run_other_'))).toBeGreaterThan(firstOwn)
      expect(readings[readings.length - 1].runId?.startsWith('run_other_') ?? false).toBe(false)
    }
  })

  it('adds nothing where the server went silent right after the run started', () => {
    const silent = faultCases().find((c) => c.key === 'server-silent')?.records ?? []
    expect(interleaveUnrelatedRuns.apply(silent, createChooser(1))).toEqual(silent)
  })
})
