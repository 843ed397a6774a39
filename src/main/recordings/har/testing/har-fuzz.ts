import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import fc from 'fast-check'
import type { MessageRecord } from '../../../../shared/api/frame-record'
import { readSessionLog } from '../../read-session-log'
import { convertHarToRecording } from '../convert-har'
import { chromeHar, type HarMessageFixture } from './har-fixtures'

/** Options of {@link runHarFuzz}. */
export type HarFuzzOptions = {
  /** Runs of each property (five properties). */
  runs: number
  seed?: number
  /** Stop starting new runs after this long (the soak's budget); the runs bound it otherwise. */
  deadlineMs?: number
}

/** What a fuzz run did. */
export type HarFuzzReport = { cases: number; refused: number; imported: number; failure: string | null }

const T0 = Date.parse('2026-12-01T10:00:00.000Z') / 1000

const messageArb: fc.Arbitrary<HarMessageFixture> = fc.record({
  type: fc.constantFrom('send' as const, 'receive' as const),
  time: fc.integer({ min: 0, max: 10_000_000 }).map((us) => T0 + us / 1e6),
  opcode: fc.constant(1),
  data: fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.json({ maxDepth: 2 }), fc.string({ unit: 'binary', maxLength: 20 }))
})

/** A HAR with one WebSocket entry and its messages' end offsets (just past each closing brace). */
function harWith(messages: HarMessageFixture[], pretty: boolean): { text: string; ends: number[]; recognisedAt: number } {
  const text = chromeHar([{ url: 'https://h/page', plain: true, body: '<html>' }, { url: 'wss://h/ws', messages }])
  const compact = pretty ? text : JSON.stringify(JSON.parse(text))
  const ends: number[] = []
  const marker = '"_webSocketMessages":'
  let at = compact.indexOf(marker) + marker.length
  for (const message of messages) {
    // Each message serialises the same way inside the document: find it by its own text.
    const own = pretty ? JSON.stringify(message, null, 2).replace(/\n/g, '\n          ') : JSON.stringify(message)
    const start = compact.indexOf(own, at)
    if (start < 0) throw new Error('fixture layout changed: a message was not found in the HAR text')
    at = start + own.length
    ends.push(at)
  }
  // The entry is known to be a WebSocket once its _resourceType has been read.
  const recognisedAt = compact.indexOf('"websocket"') + '"websocket"'.length
  return { text: compact, ends, recognisedAt }
}

/**
 * Fuzz the HAR importer: truncation, inserted garbage, flipped bytes, arbitrary bytes and random
 * valid HARs. Every outcome must be a clear error naming the file, or a recording that reads back
 * without issues and keeps every message that was complete before the damage, unchanged and in order.
 */
export async function runHarFuzz(options: HarFuzzOptions): Promise<HarFuzzReport> {
  const dir = mkdtempSync(join(tmpdir(), 'netra-har-fuzz-'))
  const report: HarFuzzReport = { cases: 0, refused: 0, imported: 0, failure: null }
  const started = Date.now()
  const expired = (): boolean => options.deadlineMs !== undefined && Date.now() - started > options.deadlineMs
  let caseNumber = 0

  /** Import bytes; an error must name the file; a recording must read back cleanly. */
  const importBytes = async (bytes: string | Uint8Array): Promise<{ error: Error } | { data: string[]; dirs: string[] }> => {
    report.cases++
    const har = join(dir, `case-${caseNumber % 8}.har`)
    const out = join(dir, `case-${caseNumber++}.ndjson`)
    writeFileSync(har, bytes)
    try {
      await convertHarToRecording(har, out)
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith(har)) throw new Error(`not a clear error naming the file: ${String(error)}`, { cause: error })
      report.refused++
      return { error }
    }
    try {
      const { records, issues } = await readSessionLog(out)
      if (issues.length > 0) throw new Error(`the imported recording does not read back cleanly: ${JSON.stringify(issues)}`)
      report.imported++
      const messages = records.filter((record): record is MessageRecord => record.kind === 'message')
      return { data: messages.map((record) => record.data), dirs: messages.map((record) => record.dir) }
    } finally {
      rmSync(out, { force: true })
    }
  }

  /** The messages complete before `cut` must all be there, unchanged, first. */
  const keepsPrefix = (outcome: Awaited<ReturnType<typeof importBytes>>, messages: HarMessageFixture[], ends: number[], cut: number, recognisedAt: number): void => {
    const complete = ends.filter((end) => end <= cut).length
    if ('error' in outcome) {
      if (cut >= recognisedAt) throw new Error(`refused although the WebSocket entry was readable before the damage: ${outcome.error.message}`)
      return
    }
    const want = messages.slice(0, complete).map((message) => message.data)
    if (!isDeepStrictEqual(outcome.data.slice(0, complete), want)) throw new Error(`lost or changed a message before the damage at ${cut}`)
  }

  const run = async <T>(arb: fc.Arbitrary<T>, check: (value: T) => Promise<void>): Promise<void> => {
    if (report.failure || expired()) return
    const result = await fc.check(
      fc.asyncProperty(arb, async (value) => {
        if (expired()) return
        await check(value)
      }),
      { numRuns: options.runs, seed: options.seed }
    )
    if (result.failed) report.failure = fc.defaultReportMessage(result) ?? 'failed'
  }

  try {
    const harArb = fc.record({ messages: fc.array(messageArb, { minLength: 1, maxLength: 12 }), pretty: fc.boolean() })
    // Cut off anywhere.
    await run(fc.tuple(harArb, fc.double({ min: 0, max: 1, noNaN: true })), async ([{ messages, pretty }, where]) => {
      const { text, ends, recognisedAt } = harWith(messages, pretty)
      const cut = Math.floor(where * text.length)
      keepsPrefix(await importBytes(text.slice(0, cut)), messages, ends, cut, recognisedAt)
    })
    // Garbage inserted anywhere.
    await run(fc.tuple(harArb, fc.double({ min: 0, max: 1, noNaN: true }), fc.string({ unit: 'binary', minLength: 1, maxLength: 8 })), async ([{ messages, pretty }, where, garbage]) => {
      const { text, ends, recognisedAt } = harWith(messages, pretty)
      const at = Math.floor(where * text.length)
      keepsPrefix(await importBytes(text.slice(0, at) + garbage + text.slice(at)), messages, ends, at, recognisedAt)
    })
    // Bytes flipped anywhere (also inside multi-byte characters).
    await run(fc.tuple(harArb, fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 })), async ([{ messages, pretty }, flips]) => {
      const { text, ends, recognisedAt } = harWith(messages, pretty)
      const bytes = Buffer.from(text)
      const charsBefore = (byte: number): number => bytes.subarray(0, byte).toString('utf8').length
      let first = bytes.length
      for (const [where, mask] of flips) {
        const at = Math.floor(where * bytes.length)
        bytes[at] ^= mask
        first = Math.min(first, at)
      }
      // A flipped byte inside a character changes that character: count the damage from its start.
      keepsPrefix(await importBytes(bytes), messages, ends, Math.max(0, charsBefore(first) - 1), recognisedAt)
    })
    // Arbitrary bytes.
    await run(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
      await importBytes(bytes)
    })
    // Valid HARs: every message back, in order, with its direction.
    await run(harArb, async ({ messages, pretty }) => {
      const outcome = await importBytes(harWith(messages, pretty).text)
      if ('error' in outcome) throw new Error(`a valid HAR was refused: ${outcome.error.message}`)
      if (!isDeepStrictEqual(outcome.data, messages.map((message) => message.data))) throw new Error('a valid HAR did not import every message unchanged')
      if (!isDeepStrictEqual(outcome.dirs, messages.map((message) => (message.type === 'send' ? 'out' : 'in')))) throw new Error('directions changed')
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return report
}
