import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { FrameRecord } from '../../shared/api/frame-record'
import { newSessionLogHeader } from '../../shared/session-log/session-log-format'
import { readSessionLog } from './read-session-log'
import { SessionRecorder } from './session-recorder'
import { floodFrame } from './testing/synthetic-recording'
import { until } from '../testing/until'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})
const folder = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'netra-recorder-'))
  dirs.push(dir)
  return dir
}
const header = newSessionLogHeader('s-rec', 1_764_582_000_000, { name: 'netra-diagnostics', version: 'test' })
const frame = (seq: number): FrameRecord => {
  const data = seq % 3 === 0 ? `not json ${seq} «ü»` : floodFrame(seq, 100)
  return { seq, t: seq, dir: 'in', kind: 'message', opcode: 1, encoding: 'utf8', data, size: Buffer.byteLength(data) }
}

describe('SessionRecorder', () => {
  it('hands records to the OS on its own (no close needed), 0600, and they read back identically', async () => {
    const path = join(folder(), 'recordings', 'a.ndjson')
    const recorder = new SessionRecorder(path, header)
    const records = Array.from({ length: 50 }, (_, seq) => frame(seq))
    recorder.append(records)
    await until(() => existsSync(path) && statSync(path).size === recorder.byteLength)
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect((await readSessionLog(path)).records).toEqual(records)
    await recorder.close()
  })

  it('serves any range by number from disk, including records not yet flushed', async () => {
    const recorder = new SessionRecorder(join(folder(), 'b.ndjson'), header, undefined, { flushIntervalMs: 60_000 })
    const records = Array.from({ length: 3000 }, (_, seq) => frame(seq))
    recorder.append(records)
    expect(recorder.recordCount).toBe(3000)
    expect((await recorder.readRange(0, 10)).records).toEqual(records.slice(0, 10))
    expect((await recorder.readRange(2990, 50)).records).toEqual(records.slice(2990))
    expect((await recorder.readRange(1234, 1)).records).toEqual([records[1234]])
    expect((await recorder.readRange(5000, 10)).records).toEqual([])
    await recorder.close()
    // After close the index stays: ranges still load.
    expect((await recorder.readRange(100, 3)).records).toEqual(records.slice(100, 103))
  })

  it('reports a file it cannot create once, keeps the session going, and says why its records are missing', async () => {
    const path = join(folder(), 'taken.ndjson')
    writeFileSync(path, 'someone else’s file')
    const errors: Error[] = []
    const recorder = new SessionRecorder(path, header, (error) => errors.push(error))
    recorder.append([frame(1), frame(2)])
    await recorder.close()
    expect(errors).toHaveLength(1)
    expect(readFileSync(path, 'utf8')).toBe('someone else’s file')
    await expect(recorder.readRange(0, 2)).rejects.toThrow(/could not be written \(EEXIST/)
  })

  it('deletes a temporary log (recording off) when discarded, and keeps a recording', async () => {
    const dir = folder()
    const temporary = new SessionRecorder(join(dir, 't.ndjson'), header, undefined, { temporary: true })
    const kept = new SessionRecorder(join(dir, 'k.ndjson'), header)
    for (const recorder of [temporary, kept]) recorder.append([frame(1)])
    await Promise.all([temporary.discard(), kept.discard()])
    expect(existsSync(join(dir, 't.ndjson'))).toBe(false)
    expect(existsSync(join(dir, 'k.ndjson'))).toBe(true)
  })
})

describe('synthetic recordings', () => {
  it('are exactly what the recorder writes for the same records', async () => {
    const { writeSyntheticRecording } = await import('./testing/synthetic-recording')
    const dir = folder()
    writeSyntheticRecording(join(dir, 's.ndjson'), { records: 20 })
    const { records } = await readSessionLog(join(dir, 's.ndjson'))
    const recorder = new SessionRecorder(join(dir, 'r.ndjson'), { ...header, sessionId: 's-synthetic', createdAt: '2025-12-01T09:40:00.000Z', app: { name: 'netra-diagnostics', version: 'test' } })
    recorder.append(records)
    await recorder.close()
    expect(readFileSync(join(dir, 'r.ndjson'), 'utf8')).toBe(readFileSync(join(dir, 's.ndjson'), 'utf8'))
  })
})

describe('SessionRecorder under a burst faster than the disk', () => {
  it('writes past the queue limit synchronously and loses nothing, in order', async () => {
    const path = join(folder(), 'burst.ndjson')
    const recorder = new SessionRecorder(path, header, undefined, { flushIntervalMs: 60_000 })
    const big = 'x'.repeat(4000)
    // ~40 MB in one synchronous loop: no asynchronous write can finish meanwhile.
    let mostHeld = 0
    for (let seq = 0; seq < 10_000; seq++) {
      recorder.appendOne({ seq, t: seq, dir: 'in', kind: 'message', opcode: 1, encoding: 'utf8', data: `{"n":${seq},"pad":"${big}"}`, size: 4010 })
      mostHeld = Math.max(mostHeld, recorder.bufferBytes)
    }
    // What a burst can make it hold is bounded, not the burst: the pending chunk, the short queue of writes (4 MiB), the spares.
    expect(mostHeld).toBeLessThanOrEqual(9 * 1024 * 1024)
    await recorder.close()
    // A closed log holds no chunk buffers: a session that ended keeps only its index.
    expect(recorder.bufferBytes).toBe(0)
    expect(statSync(path).size).toBe(recorder.byteLength)
    const { records, issues } = await readSessionLog(path)
    expect(issues).toEqual([])
    expect(records.map((record) => record.seq)).toEqual(Array.from({ length: 10_000 }, (_, i) => i))
  })

  it('reuses its chunk buffers through bursts: a bounded number is ever allocated, never one per flush', async () => {
    const path = join(folder(), 'reuse.ndjson')
    const recorder = new SessionRecorder(path, header, undefined, { flushIntervalMs: 60_000 })
    const big = 'x'.repeat(4000)
    const chunkBytes = 1024 * 1024
    const allocate = vi.spyOn(Buffer, 'allocUnsafe')
    try {
      // Bursts past the queue limit, with the event loop let go between them so some asynchronous
      // writes finish: queued chunks come back in bunches, as in a flood. A chunk buffer dropped
      // then had lived long enough to reach V8's old generation, where only a major collection
      // frees it (measured: 130–164 dropped and allocated again per 1 M-frame flood).
      let seq = 0
      for (let burst = 0; burst < 40; burst++) {
        for (let i = 0; i < 400; i++, seq++) recorder.appendOne({ seq, t: seq, dir: 'in', kind: 'message', opcode: 1, encoding: 'utf8', data: `{"n":${seq},"pad":"${big}"}`, size: 4010 })
        await new Promise((resolve) => setImmediate(resolve))
      }
      await recorder.flush()
      const chunks = allocate.mock.calls.filter(([size]) => size === chunkBytes).length
      // Every buffer that can be out at once (the pending one, the queue's, the one over it) and no more.
      expect(chunks).toBeGreaterThan(0)
      expect(chunks).toBeLessThanOrEqual(7)
      expect(recorder.bufferBytes).toBeLessThanOrEqual(7 * chunkBytes)
    } finally {
      allocate.mockRestore()
    }
    await recorder.close()
    const { records, issues } = await readSessionLog(path)
    expect(issues).toEqual([])
    expect(records.length).toBe(16_000)
  })

  it('never writes a chunk ahead of an earlier one: the file is a whole prefix at any instant (a kill leaves no hole)', async () => {
    const path = join(folder(), 'prefix.ndjson')
    const recorder = new SessionRecorder(path, header, undefined, { flushIntervalMs: 60_000 })
    const big = 'x'.repeat(4000)
    // Past the queue limit with no await: the asynchronous writes cannot all have finished, so a
    // synchronous write of a later chunk alone would leave zero bytes before it.
    for (let seq = 0; seq < 3_000; seq++) {
      recorder.appendOne({ seq, t: seq, dir: 'in', kind: 'message', opcode: 1, encoding: 'utf8', data: `{"n":${seq},"pad":"${big}"}`, size: 4010 })
    }
    // What a killed process would leave now (the OS has every write the process finished).
    const now = readFileSync(path)
    expect(now.length).toBeGreaterThan(4 * 1024 * 1024)
    expect(now.indexOf(0)).toBe(-1)
    expect(now[now.length - 1]).toBe(0x0a)
    await recorder.close()
  })
})
