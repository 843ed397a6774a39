/**
 * Child process: open a recording with the app's reader, index it whole, keep it open, and
 * print how much memory that took: `{"rssDeltaMb":…,"heapDeltaMb":…,"fileMb":…,"records":…}`.
 */
import { statSync } from 'node:fs'
import { openSessionLog } from '../src/main/recordings/open-session-log'

async function main(path: string): Promise<void> {
  global.gc?.()
  const before = process.memoryUsage()
  const log = await openSessionLog(path)
  const { records } = await log.indexed
  // The first screenful is in memory too, as a UI would hold it.
  const first = await log.readRange(0, 200)
  global.gc?.()
  const after = process.memoryUsage()
  const mb = (bytes: number): number => bytes / 1024 / 1024
  process.stdout.write(
    `${JSON.stringify({ rssDeltaMb: mb(after.rss - before.rss), heapDeltaMb: mb(after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers), fileMb: mb(statSync(path).size), records, held: first.records.length })}\n`
  )
  await log.close()
  process.exit(0)
}

void main(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(`recording-memory: ${error instanceof Error ? error.stack : String(error)}\n`)
  process.exit(1)
})
