import type { FrameDirection, FrameRecord } from '../../../shared/api/frame-record'

/** Plain text (case-insensitive) or a JavaScript regular expression. */
export type SearchMode = 'plain' | 'regex'

/** A compiled query: a test for one record's text, or why the query cannot be used. */
export type CompiledQuery = { ok: true; test: (text: string) => boolean } | { ok: false; error: string }

/** Compile what the user typed; an invalid regex gives its message instead of throwing. */
export function compileQuery(query: string, mode: SearchMode): CompiledQuery {
  if (mode === 'plain') {
    const needle = query.toLowerCase()
    return { ok: true, test: (text) => text.toLowerCase().includes(needle) }
  }
  try {
    // No `g` flag: a global regex keeps lastIndex between calls and would skip matches.
    const pattern = new RegExp(query, 'i')
    return { ok: true, test: (text) => pattern.test(text) }
  } catch (error) {
    return { ok: false, error: `Invalid regular expression: ${error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error)}` }
  }
}

/** The text a search looks at: a data frame's own text, otherwise the record as JSON (close reasons, handshake headers, errors). */
export function recordText(record: FrameRecord): string {
  if (record.kind === 'message' || record.kind === 'ping' || record.kind === 'pong') return record.data
  return JSON.stringify(record)
}

/** Where a search reads records: what the renderer holds, and the backend for the rest (`session.records`). */
export type RecordSource = {
  /** Records the renderer holds, sorted by seq (may be a window of the session). */
  held: readonly FrameRecord[]
  /** Highest seq of the session. */
  lastSeq: number
  /** Fetch records from `fromSeq` on, at most `limit` (the contract's `session.records`). */
  fetch(fromSeq: number, limit: number): Promise<{ records: FrameRecord[]; nextSeq: number; done: boolean }>
}

/** Options of one search run. */
export type SearchOptions = {
  direction: FrameDirection | 'any'
  /** Records per slice between yields to the UI. */
  chunkSize?: number
  onProgress?: (done: number, total: number) => void
  signal?: AbortSignal
}

const FETCH_LIMIT = 5_000

function yieldToUi(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}

/**
 * The seqs of every record whose text matches, in order. Works in slices with a yield between
 * them, so typing and scrolling stay smooth on 100 000 frames; reads the held records directly
 * and fetches what lies outside them in ranges. An aborted search returns what it found so far.
 */
export async function searchRecords(source: RecordSource, query: CompiledQuery & { ok: true }, options: SearchOptions): Promise<number[]> {
  const chunkSize = options.chunkSize ?? 2_000
  const total = source.lastSeq + 1
  const matches: number[] = []
  let scanned = 0
  const scan = async (records: readonly FrameRecord[]): Promise<void> => {
    for (let start = 0; start < records.length; start += chunkSize) {
      if (options.signal?.aborted) return
      const end = Math.min(records.length, start + chunkSize)
      for (let index = start; index < end; index += 1) {
        const record = records[index]
        if (options.direction !== 'any' && record.dir !== options.direction) continue
        if (query.test(recordText(record))) matches.push(record.seq)
      }
      scanned += end - start
      options.onProgress?.(Math.min(scanned, total), total)
      await yieldToUi()
    }
  }
  const fetchRange = async (fromSeq: number, untilSeq: number): Promise<void> => {
    let next = fromSeq
    while (next <= untilSeq && !options.signal?.aborted) {
      const page = await source.fetch(next, Math.min(FETCH_LIMIT, untilSeq - next + 1))
      await scan(page.records.filter((record) => record.seq <= untilSeq))
      if (page.done || page.nextSeq <= next) return
      next = page.nextSeq
    }
  }
  const firstHeld = source.held[0]?.seq ?? source.lastSeq + 1
  const lastHeld = source.held.at(-1)?.seq ?? source.lastSeq
  if (firstHeld > 0) await fetchRange(0, firstHeld - 1)
  await scan(source.held)
  if (lastHeld < source.lastSeq) await fetchRange(lastHeld + 1, source.lastSeq)
  return matches
}

/** The match after (`step` 1) or before (`step` -1) `current`, wrapping around; null when there are none. */
export function adjacentMatch(matches: readonly number[], current: number | null, step: 1 | -1): number | null {
  if (matches.length === 0) return null
  if (current === null) return step === 1 ? matches[0] : matches[matches.length - 1]
  if (step === 1) return matches.find((seq) => seq > current) ?? matches[0]
  return matches.findLast((seq) => seq < current) ?? matches[matches.length - 1]
}
