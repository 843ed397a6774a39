import { describe, expect, it } from 'vitest'
import { BulkFrames } from './bulk-frames'

/** What the check was when each frame was sliced and searched (the reference). */
function naiveType(frame: Buffer): string | null {
  for (const type of ['stream_chunk', 'partial_result']) {
    if (!frame.subarray(0, `{"type":"${type}"`.length).equals(Buffer.from(`{"type":"${type}"`))) continue
    return frame.includes('"run_id"') || frame.includes('"agent_name"') ? null : type
  }
  return null
}

/** A small deterministic generator (the cases are the same on every run). */
function generator(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
}

const PIECES = ['"run_id"', '"agent_name"', 'run_id"', '"run_id', '_id"', '_name"', '"thread_id"', '"tool_name"', '\\"run_id\\"', '"agent', 'x', 'xxxxxxxx', '"', '_', ',', ':1', 'ü']

describe('telling bulk output frames that name no run or agent, a segment at a time', () => {
  it('agrees with slicing and searching each frame, whatever the fields and where they fall', () => {
    const random = generator(3)
    const bulk = new BulkFrames()
    for (let round = 0; round < 200; round++) {
      // Frames laid out like a segment's lines: each inside `{"json":…}` with bytes between them.
      const frames: Array<{ start: number; end: number }> = []
      let text = ''
      const count = 1 + Math.floor(random() * 30)
      for (let f = 0; f < count; f++) {
        text += `${random() < 0.5 ? '{"seq":1,"json":' : '_id"'}`
        const head = ['{"type":"stream_chunk"', '{"type":"partial_result"', '{"type":"other"', '{"type":"stream_chun'][Math.floor(random() * 4)]
        let frame = head
        const pieces = Math.floor(random() * 8)
        for (let p = 0; p < pieces; p++) frame += PIECES[Math.floor(random() * PIECES.length)]
        // Usually closed; else it may end in a quote that the bytes after it turn into a field.
        frame += random() < 0.7 ? '}' : '"'
        const start = Buffer.byteLength(text)
        text += frame
        frames.push({ start, end: Buffer.byteLength(text) })
        // The line's own end: sometimes the very bytes of a field, straddling the frame's end.
        text += random() < 0.2 ? 'run_id"}\n' : '}\n'
      }
      const buffer = Buffer.from(text)
      bulk.reset(buffer)
      for (const { start, end } of frames) expect(bulk.typeOf(buffer, start, end), buffer.toString('utf8', start, end)).toBe(naiveType(buffer.subarray(start, end)))
    }
  })

  it('finds a field in the last frame of a long segment, after many frames without one', () => {
    const frame = `{"type":"stream_chunk","data":"${'x'.repeat(1000)}"}`
    const last = '{"type":"stream_chunk","run_id":"r1"}'
    const buffer = Buffer.from(`${frame}\n`.repeat(500) + last)
    const bulk = new BulkFrames()
    bulk.reset(buffer)
    for (let i = 0; i < 500; i++) expect(bulk.typeOf(buffer, i * (frame.length + 1), i * (frame.length + 1) + frame.length)).toBe('stream_chunk')
    expect(bulk.typeOf(buffer, buffer.length - last.length, buffer.length)).toBeNull()
  })
})
