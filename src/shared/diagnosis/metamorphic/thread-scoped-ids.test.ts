import { describe, expect, it } from 'vitest'
import { createChooser } from './chooser'
import { faultCases, healthyCases } from './metamorphic-cases'
import { threadScopedIds } from './thread-scoped-ids'
import { agentReadings } from './wire-readings'

describe('run_id with or without thread_id', () => {
  const sessions = [...healthyCases().filter((c) => /beta-(10|17)\/insufficient/.test(c.key)), ...faultCases().filter((c) => c.key === 'agent-death')]

  it.each(sessions.map((c) => [c.key, c] as const))('%s: run, type, agent and tool stay; the thread id is only dropped or the run’s own', (_key, testCase) => {
    const before = agentReadings(testCase.records)
    let dropped = 0
    for (let seed = 1; seed <= 10; seed++) {
      const after = agentReadings(threadScopedIds.apply(testCase.records, createChooser(seed)))
      expect(after.map(({ threadId: _t, ...rest }) => rest)).toEqual(before.map(({ threadId: _t, ...rest }) => rest))
      after.forEach((reading, i) => {
        if (reading.threadId === null) dropped++
        else if (before[i].threadId !== null) expect(reading.threadId).toBe(before[i].threadId)
      })
    }
    expect(dropped).toBeGreaterThan(0)
  })
})
