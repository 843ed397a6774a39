import { describe, expect, it } from 'vitest'
import { normaliseEnvelope } from '../../protocol/normalise-envelope'
import { createChooser } from './chooser'
import { faultCases, healthyCases } from './metamorphic-cases'
import { reshapeEnvelopes } from './reshape-envelopes'
import { inboundJson } from './wire-frames'
import { wireReadings } from './wire-readings'

const sessions = [...healthyCases(), ...faultCases()].filter((c) => /beta-10\/partial|beta-17\/sufficient|cross-user-leak|agent-death|auth-failed-after-accept$|malformed-json/.test(c.key))

/** Timestamps are compared to the millisecond: ISO strings carry no more. */
const comparable = (records: Parameters<typeof wireReadings>[0]) =>
  wireReadings(records).map(({ seq: _seq, timestamp, ...rest }) => ({ ...rest, timestamp: timestamp === null ? null : Math.round(timestamp) }))

describe('mixed envelopes', () => {
  it.each(sessions.map((c) => [c.key, c] as const))('%s: the normaliser reads every frame the same after reshaping', (_key, testCase) => {
    for (let seed = 1; seed <= 12; seed++) {
      const after = reshapeEnvelopes.apply(testCase.records, createChooser(seed))
      expect(comparable(after)).toEqual(comparable(testCase.records))
      expect(after.filter((record) => record.kind !== 'message')).toEqual(testCase.records.filter((record) => record.kind !== 'message'))
    }
  })

  it('mixes flat, standard and wrapped agent events within one stream', () => {
    const records = healthyCases()[0].records
    const shapes = new Set(reshapeEnvelopes.apply(records, createChooser(5)).flatMap((record) => {
      const json = inboundJson(record)
      const event = json && normaliseEnvelope(json)
      return event?.runId ? [event.envelope] : []
    }))
    expect(shapes).toEqual(new Set(['flat', 'standard', 'wrapped']))
  })

  it('leaves error envelopes and unreadable frames exactly as sent', () => {
    for (const testCase of faultCases().filter((c) => /auth-failed|database-down|malformed/.test(c.key))) {
      const after = reshapeEnvelopes.apply(testCase.records, createChooser(9))
      const untouched = (records: typeof after) => records.filter((record) => record.kind === 'message' && (inboundJson(record) === null || /error/.test(String(inboundJson(record)?.type))))
      expect(untouched(after)).toEqual(untouched([...testCase.records]))
    }
  })
})
