import { describe, expect, it } from 'vitest'
import { cleanScenario } from '../testing/fault-scenarios'
import { inboundJson, insertAfter, messageWith, rewriteInboundFrames } from './wire-frames'

describe('wire-frames', () => {
  const records = cleanScenario().model.records

  it('rewrites inbound JSON frames only, keeping each at its time, and renumbers seq', () => {
    const doubled = rewriteInboundFrames(records, (frame) => (frame.type === 'agent_thinking' ? [frame, frame] : [frame]))
    const thinking = records.filter((record) => inboundJson(record)?.type === 'agent_thinking').length
    expect(doubled).toHaveLength(records.length + thinking)
    expect(doubled.map((record) => record.seq)).toEqual(doubled.map((_, i) => i))
    expect(doubled.filter((record) => record.kind !== 'message')).toEqual(records.filter((record) => record.kind !== 'message').map((record) => expect.objectContaining({ kind: record.kind, t: record.t })))
    expect(rewriteInboundFrames(records, (frame) => [frame]).map((record) => record.t)).toEqual(records.map((record) => record.t))
  })

  it('keeps `data` the exact text and `size` its UTF-8 byte length', () => {
    const record = messageWith({ seq: 3, t: 9, dir: 'in' }, { type: 'x', data: { text: 'café ☕' } })
    expect(JSON.parse(record.data)).toEqual({ type: 'x', data: { text: 'café ☕' } })
    expect(record.size).toBe(new TextEncoder().encode(record.data).length)
    expect(record.size).toBeGreaterThan(record.data.length)
  })

  it('inserts after a position at that record’s time, in the order given', () => {
    const out = insertAfter(records, [
      { after: 2, make: (t) => messageWith({ seq: 0, t, dir: 'in' }, { type: 'first' }) },
      { after: 2, make: (t) => messageWith({ seq: 0, t, dir: 'in' }, { type: 'second' }) }
    ])
    expect(inboundJson(out[3])?.type).toBe('first')
    expect(inboundJson(out[4])?.type).toBe('second')
    expect(out[3].t).toBe(records[2].t)
    expect(out.slice(5).map((record) => record.t)).toEqual(records.slice(3).map((record) => record.t))
  })
})
