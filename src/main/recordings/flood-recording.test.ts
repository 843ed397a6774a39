import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ContractBackend } from '../../shared/api/contract'
import type { FrameRecord } from '../../shared/api/frame-record'
import { buildFlood } from '../../shared/protocol/client-messages'
import { createBackend } from '../backend/create-backend'
import { readSessionLog } from './read-session-log'
import { until } from '../testing/until'

let backend: ContractBackend | null = null
let dataDir: string | null = null
afterEach(async () => {
  await backend?.dispose()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  backend = null
  dataDir = null
})

/** Bounded for `npm test`; the benchmark floods 1 M frames through the same path. */
const FRAMES = 20_000

describe('a flood recorded from the received bytes', () => {
  it('writes every record, in order, each frame embedded byte for byte as it arrived', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'netra-flood-'))
    backend = createBackend({ host: 'cli', dataDir, sandbox: { stepDelayMs: 1 }, preflight: null })
    const pushed: FrameRecord[] = []
    backend.subscribe((event, payload) => {
      if (event === 'session.records') pushed.push(...(payload as { records: FrameRecord[] }).records)
    })
    // The sandbox session carries a token, so the redactor is active and checks every frame.
    const { sessionId } = await backend.handlers['session.connect']({ environmentId: 'sandbox' })
    await until(() => pushed.some((record) => record.kind === 'handshake'), 15_000)
    await backend.handlers['session.send']({ sessionId, text: buildFlood(FRAMES), mode: 'raw' })
    const complete = (record: FrameRecord): boolean => record.kind === 'message' && record.data.includes('"flood_complete"')
    await until(() => pushed.some(complete), 120_000)
    await backend.handlers['session.disconnect']({ sessionId })
    await until(() => pushed.some((record) => record.kind === 'close'), 15_000)
    await backend.dispose()

    const dir = join(dataDir, 'recordings')
    const path = join(dir, readdirSync(dir)[0])
    const contents = await readSessionLog(path)
    expect(contents.issues).toEqual([])
    // Every record pushed is on disk, identical, in seq order with no gap.
    expect(contents.records).toEqual(pushed)
    expect(contents.records.map((record) => record.seq)).toEqual(pushed.map((_, i) => i))
    const chunks = contents.records.filter((record) => record.kind === 'message' && record.data.startsWith('{"type":"stream_chunk"'))
    expect(chunks).toHaveLength(FRAMES)
    // Each flood frame sits in its line as the raw `json` value, exactly the bytes its record holds.
    const lines = readFileSync(path, 'utf8').split('\n')
    for (const record of chunks.slice(0, 50).concat(chunks.slice(-50))) {
      expect(lines[record.seq + 1]).toBe(`{"seq":${record.seq},"t":${record.t},"dir":"in","kind":"message","opcode":1,"encoding":"utf8","size":${(record as { size: number }).size},"json":${(record as { data: string }).data}}`)
    }
  }, 180_000)
})
