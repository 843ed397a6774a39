import type { SessionLogContents } from '../../shared/session-log/session-log-format'
import { openSessionLog, type OpenSessionLogOptions } from './open-session-log'

/** Records read per step when a whole recording is loaded. */
const BATCH = 10_000

/**
 * Read a whole recording into memory (small files and tests; large ones are read by range
 * through {@link openSessionLog}). Issues of unreadable lines and a cut-off end are reported,
 * in line order, and every readable record is kept.
 */
export async function readSessionLog(path: string, options: OpenSessionLogOptions = {}): Promise<SessionLogContents> {
  const log = await openSessionLog(path, options)
  try {
    const result = await log.indexed
    const contents: SessionLogContents = { header: log.header, records: [], issues: [], truncated: result.truncated }
    for (let from = 0; from < result.records; from += BATCH) {
      const range = await log.readRange(from, BATCH)
      for (const record of range.records) contents.records.push(record)
      contents.issues.push(...range.issues)
    }
    contents.issues.push(...result.issues)
    return contents
  } finally {
    await log.close()
  }
}
