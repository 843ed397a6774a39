import { describe, expect, it } from 'vitest'
import { createChooser } from './chooser'
import { healthyCases } from './metamorphic-cases'
import { retimeTimestamps } from './retime-timestamps'
import { inboundJson } from './wire-frames'
import { wireReadings } from './wire-readings'

describe('timestamp forms', () => {
  const sessions = healthyCases().filter((c) => c.key.endsWith('/insufficient'))

  it.each(sessions.map((c) => [c.key, c] as const))('%s: the same instants, to the millisecond, and nothing else changes', (_key, testCase) => {
    const before = wireReadings(testCase.records)
    for (let seed = 1; seed <= 10; seed++) {
      const after = wireReadings(retimeTimestamps.apply(testCase.records, createChooser(seed)))
      expect(after.map(({ timestamp: _t, ...rest }) => rest)).toEqual(before.map(({ timestamp: _t, ...rest }) => rest))
      after.forEach((reading, i) => {
        if (before[i].timestamp === null) expect(reading.timestamp).toBeNull()
        else expect(Math.abs((reading.timestamp as number) - (before[i].timestamp as number))).toBeLessThan(1)
      })
    }
  })

  it('sends both forms in one stream: epoch seconds and ISO strings', () => {
    const forms = new Set(
      retimeTimestamps.apply(healthyCases()[0].records, createChooser(3)).flatMap((record) => {
        const json = inboundJson(record)
        return json && 'timestamp' in json ? [typeof json.timestamp] : []
      })
    )
    expect(forms).toEqual(new Set(['number', 'string']))
  })
})
