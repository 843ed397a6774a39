import { chmod, copyFile, mkdir, open, rm, stat, truncate } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { headerLine, SESSION_LOG_VERSION, type SessionLogHeader } from '../../shared/session-log/session-log-format'
import { scanLogLines, type LogLines } from './log-lines'
import type { ExportProgress } from './record-source'

/** Thrown from the scan to stop it at the first line that cannot be copied as it is. */
const NOT_WHOLE = new Error('not a whole copy')

/** Does the file start with exactly `expected`? */
async function startsWith(path: string, expected: Buffer): Promise<boolean> {
  const handle = await open(path, 'r')
  try {
    const head = Buffer.alloc(expected.length)
    const { bytesRead } = await handle.read(head, 0, head.length, 0)
    return bytesRead === head.length && head.equals(expected)
  } finally {
    await handle.close()
  }
}

/**
 * The NDJSON export of a recording whose every line passes the checks is the recording itself,
 * cut at its last indexed line: then the OS copies the file (copy_file_range: the bytes never
 * enter the process) while every line is checked in one pass over it, at the same time. Returns
 * false, having left nothing behind, as soon as a line would not be copied as it is (a line that
 * is not a record, out of seq order, blank, CRLF or without its newline, a header that the export
 * would rewrite): the caller then streams the lines, reporting each problem.
 *
 * Throws (the caller removes `out`) when the copy fails, or when the file changed while it was
 * being exported (its size or time differ before and after), as the copy could then hold lines
 * that were never checked.
 */
export async function copyCheckedLog(
  lines: LogLines,
  count: number,
  header: SessionLogHeader,
  out: string,
  onProgress?: (progress: ExportProgress) => void
): Promise<boolean> {
  if (resolve(out) === resolve(lines.path)) return false
  const headerBytes = Buffer.from(headerLine({ ...header, version: SESSION_LOG_VERSION }))
  const end = lines.offsetOf(count)
  const before = await stat(lines.path).catch(() => null)
  if (!before || lines.offsetOf(0) !== headerBytes.length || !(await startsWith(lines.path, headerBytes))) return false

  await mkdir(dirname(out), { recursive: true, mode: 0o700 })
  const copied = (async () => {
    await copyFile(lines.path, out)
    // Exports are private, whatever the source's mode; anything after the last indexed line goes.
    await chmod(out, 0o600)
    await truncate(out, end)
  })()
  copied.catch(() => undefined)

  let whole = true
  let bytes = headerBytes.length
  let done = 0
  try {
    await scanLogLines(
      lines,
      count,
      (segment) => {
        if (!whole) throw NOT_WHOLE
        const { buffer, start, end: ends } = segment
        for (let i = 0; i < segment.count; i++) {
          // Copied as it is only when followed by its own newline (no CR before it).
          if (buffer[ends[i]] !== 0x0a) throw NOT_WHOLE
          bytes += ends[i] + 1 - start[i]
        }
        done += segment.count
        onProgress?.({ records: done, totalRecords: count })
      },
      () => {
        whole = false
      }
    )
  } catch (error) {
    if (error !== NOT_WHOLE) {
      await copied.catch(() => undefined)
      throw error
    }
    whole = false
  }
  // Every indexed byte belongs to a line copied as it is: no issue, no blank or skipped line.
  whole &&= bytes === end && done === count
  if (!whole) {
    await copied.catch(() => undefined)
    await rm(out, { force: true })
    return false
  }
  await copied
  const after = await stat(lines.path)
  if (after.size !== before.size || after.mtimeMs !== before.mtimeMs || after.ino !== before.ino)
    throw new Error(`${lines.path} changed while it was being exported; export it again once it is complete`)
  return true
}
