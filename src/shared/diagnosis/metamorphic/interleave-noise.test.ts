import { describe, expect, it } from 'vitest'
import { createChooser } from './chooser'
import { interleaveNoise } from './interleave-noise'
import { faultCases, healthyCases } from './metamorphic-cases'
import { inboundJson } from './wire-frames'
import { agentReadings, wireReadings } from './wire-readings'

const NOISE = new Set(['heartbeat', 'backend_log', 'pong', 'system_metrics', 'thread_updated', 'agent_registry_updated', 'cache_stats'])
const sessions = [...healthyCases().filter((c) => c.key.endsWith('/partial')), ...faultCases().filter((c) => /tcp-drop|agent-death|server-silent/.test(c.key))]

describe('interleaved noise', () => {
  it.each(sessions.map((c) => [c.key, c] as const))('%s: the agent events read the same; only heartbeats, logs, unknown types and pings are added', (_key, testCase) => {
    const strip = (readings: ReturnType<typeof agentReadings>) => readings.map(({ seq: _s, ...rest }) => rest)
    for (let seed = 1; seed <= 12; seed++) {
      const after = interleaveNoise.apply(testCase.records, createChooser(seed))
      expect(strip(agentReadings(after).filter((reading) => reading.type !== 'backend_log'))).toEqual(strip(agentReadings(testCase.records)))
      const added = wireReadings(after).length - wireReadings(testCase.records).length
      expect(wireReadings(after).filter((reading) => NOISE.has(reading.type))).toHaveLength(added)
      // Every record keeps its place in time; nothing arrives after the server's last original frame.
      after.forEach((record, i) => i > 0 && expect(record.t).toBeGreaterThanOrEqual(after[i - 1].t))
      const lastIn = (records: typeof after): string | undefined => {
        const last = records.findLast((record) => record.kind === 'message' && record.dir === 'in')
        return last?.kind === 'message' ? last.data : undefined
      }
      expect(lastIn(after)).toBe(lastIn([...testCase.records]))
      // A heartbeat is answered, as the client does.
      after.forEach((record, i) => {
        if (inboundJson(record)?.type === 'heartbeat') expect(JSON.parse((after[i + 1] as { data: string }).data).type).toBe('heartbeat_ack')
      })
    }
  })

  it('adds nothing where the server never talked (a refused upgrade) or said only one thing', () => {
    for (const key of ['token-rejected', 'rate-limit']) {
      const testCase = faultCases().find((c) => c.key === key)
      expect(interleaveNoise.apply(testCase?.records ?? [], createChooser(1))).toEqual(testCase?.records)
    }
  })

  it('uses every kind of noise across seeds, protocol pings included', () => {
    const kinds = new Set<string>()
    for (let seed = 1; seed <= 40; seed++)
      for (const record of interleaveNoise.apply(healthyCases()[0].records, createChooser(seed)))
        kinds.add(record.kind === 'ping' ? 'ping' : (inboundJson(record)?.type as string))
    for (const kind of ['heartbeat', 'backend_log', 'pong', 'ping']) expect(kinds).toContain(kind)
  })
})
