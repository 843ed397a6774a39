import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ContractBackend } from '../../../shared/api/contract'
import type { CloseRecord, FrameRecord, HandshakeRecord, MessageRecord, SessionStartRecord } from '../../../shared/api/frame-record'
import { applyRecords, createSessionModel } from '../../../shared/session-model'
import { createBackend } from '../../backend/create-backend'
import { readSessionLog } from '../read-session-log'
import { convertHarToRecording } from './convert-har'
import { listHarWebSockets } from './har-index'

/**
 * Issue 11's round trip: a real sandbox session (healthy and with faults) exported as HAR by the
 * app imports back with every frame, its direction, opcode, data and time to the millisecond.
 */

let backend: ContractBackend | null = null
let dataDir: string | null = null
afterEach(async () => {
  await backend?.dispose()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  backend = null
  dataDir = null
})

async function sandboxSession(faults: string[]): Promise<{ records: FrameRecord[]; har: string }> {
  dataDir = mkdtempSync(join(tmpdir(), 'netra-har-trip-'))
  const live = createBackend({ host: 'cli', dataDir, sandbox: { stepDelayMs: 1, faults } })
  backend = live
  const records: FrameRecord[] = []
  live.subscribe((event, payload) => {
    if (event === 'session.records') records.push(...(payload as { records: FrameRecord[] }).records)
  })
  const { sessionId } = await live.handlers['session.connect']({ environmentId: 'sandbox' })
  const model = () => applyRecords(createSessionModel(sessionId), records)
  const until = async (check: () => boolean): Promise<void> => {
    const end = Date.now() + 20_000
    while (!check()) {
      if (Date.now() > end) throw new Error(`timed out in state ${model().state} with ${records.length} records`)
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  }
  await until(() => model().state === 'open' || model().state === 'closed')
  // A fault may close the session between the pushed "open" and our call: then there is nothing to send.
  const closedMeanwhile = (error: unknown): void => {
    if ((error as { code?: string }).code !== 'not-open') throw error
  }
  if (model().state === 'open') {
    await live.handlers['session.send']({ sessionId, text: 'Analyse my cloud costs', mode: 'user_message' }).catch(closedMeanwhile)
    await until(() => model().runs.some((run) => run.status !== 'running') || model().state === 'closed')
    if (model().state === 'open') await live.handlers['session.disconnect']({ sessionId }).catch(closedMeanwhile)
  }
  await until(() => model().state === 'closed')
  // Let the last batch of records arrive.
  await new Promise((resolve) => setTimeout(resolve, 100))
  const har = join(dataDir, 'session.har')
  writeFileSync(har, (await live.handlers['session.export']({ sessionId, format: 'har' })).content)
  return { records, har }
}

const wall = (start: SessionStartRecord, record: FrameRecord): number => start.wallClock + record.t

describe('HAR export → import round trip on sandbox sessions', () => {
  for (const faults of [[], ['agent-death'], ['database-down'], ['auth-failed-after-accept'], ['token-rejected']]) {
    it(`keeps every frame, direction, opcode, data and time to the ms: ${faults.join(', ') || 'healthy'}`, async () => {
      const { records, har } = await sandboxSession(faults)
      const start = records[0] as SessionStartRecord
      const original = records.filter((record): record is MessageRecord => record.kind === 'message')
      const imported: Array<{ start: SessionStartRecord; record: MessageRecord }> = []
      const entries = await listHarWebSockets(har)
      const handshakes = records.filter((record): record is HandshakeRecord => record.kind === 'handshake')
      expect(entries.map((entry) => entry.status)).toEqual(handshakes.map((handshake) => handshake.status))
      let lastClose: CloseRecord | undefined
      for (const entry of entries) {
        const out = join(dataDir as string, `entry-${entry.index}.ndjson`)
        await convertHarToRecording(har, out, { entry: entry.index })
        const { records: back, issues } = await readSessionLog(out)
        expect(issues).toEqual([])
        const anchor = back[0] as SessionStartRecord
        for (const record of back) if (record.kind === 'message') imported.push({ start: anchor, record })
        lastClose = back.findLast((record): record is CloseRecord => record.kind === 'close')
      }
      expect(imported).toHaveLength(original.length)
      imported.forEach(({ start: anchor, record }, i) => {
        const before = original[i]
        expect({ dir: record.dir, opcode: record.opcode, encoding: record.encoding, data: record.data, size: record.size }).toEqual({
          dir: before.dir,
          opcode: before.opcode,
          encoding: before.encoding,
          data: before.data,
          size: before.size
        })
        expect(Math.abs(wall(anchor, record) - wall(start, before))).toBeLessThan(0.001)
      })
      const close = records.findLast((record): record is CloseRecord => record.kind === 'close')
      expect(lastClose).toMatchObject({ code: close?.code, reason: close?.reason, initiator: close?.initiator, clean: close?.clean })
    }, 60_000)
  }
})
