import { createReadStream } from 'node:fs'
import { SessionLogReader, type SessionLogContents } from '../../shared/session-log/session-log-format'

/** Stream a recording from disk (never loading it whole as one string) and read it. */
export async function readSessionLog(path: string): Promise<SessionLogContents> {
  const reader = new SessionLogReader()
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 })
  try {
    for await (const chunk of stream) reader.push(chunk as string)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new Error(`no recording at ${path}`, { cause: error })
    if (code === 'EISDIR') throw new Error(`${path} is a folder, not a recording`, { cause: error })
    throw error
  }
  return reader.finish()
}
