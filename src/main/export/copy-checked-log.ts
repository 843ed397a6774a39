import type { Stats } from 'node:fs'
import { chmod, copyFile, mkdir, open, rm, stat, truncate } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { headerLine, SESSION_LOG_VERSION, type SessionLogHeader } from '../../shared/session-log/session-log-format'
import { fileIdentity, isSameFile } from '../recordings/whole-lines'
import { scanLogLines, type LogLines } from './log-lines'
import type { ExportProgress } from './record-source'

/** Thrown from the scan to stop it at the first line that cannot be copied as it is. */
const NOT_WHOLE = new Error('not a whole copy')

/** How often the progress of a copy without a scan is read off the size of what is written. */
const COPY_PROGRESS_MS = 100

/**
 * Start copying the recording at `path` to `out` (a new file, 0600 once the export settles it),
 * before it is indexed: the CLI's NDJSON export copies while the index checks every line, and
 * {@link copyCheckedLog} keeps the copy only if they all passed and the file did not change.
 */
export function startCopy(path: string, out: string): Promise<void> {
  const copy = (async () => {
    await mkdir(dirname(out), { recursive: true, mode: 0o700 })
    await copyFile(path, out)
  })()
  copy.catch(() => undefined)
  return copy
}

/**
 * Drop a copy begun by {@link startCopy} that the export does not keep: wait for it to end (it
 * may still be writing), then remove what it wrote at `out`. Nothing when there is none.
 */
export async function discardStartedCopy(started: Promise<void> | undefined, out: string): Promise<void> {
  if (!started) return
  await started.catch(() => undefined)
  await rm(out, { force: true })
}

/** How many of the first `count` records end at or before `bytes` (the index is in offset order). */
function recordsWithin(lines: LogLines, count: number, bytes: number): number {
  let low = 0
  let high = count
  while (low < high) {
    const mid = (low + high + 1) >>> 1
    if (lines.offsetOf(mid) <= bytes) low = mid
    else high = mid - 1
  }
  return low
}

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
 * When indexing already checked every line (`lines.checkedWhole`) and the file is still the one it
 * checked, there is no scan: the export is the OS's copy, with progress read off the size written.
 * Then `started`, a copy begun while the file was being indexed ({@link startCopy}), is that copy;
 * otherwise it is waited for and replaced, as it may hold bytes that were never checked.
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
  onProgress?: (progress: ExportProgress) => void,
  started?: Promise<void>
): Promise<boolean> {
  if (resolve(out) === resolve(lines.path)) return false
  const headerBytes = Buffer.from(headerLine({ ...header, version: SESSION_LOG_VERSION }))
  const end = lines.offsetOf(count)
  const before = await stat(lines.path).catch(() => null)
  if (!before || lines.offsetOf(0) !== headerBytes.length || !(await startsWith(lines.path, headerBytes))) {
    await discardStartedCopy(started, out)
    return false
  }
  const trusted = lines.checkedWhole !== undefined && isSameFile(before, lines.checkedWhole)
  if (!trusted) await discardStartedCopy(started, out)

  await mkdir(dirname(out), { recursive: true, mode: 0o700 })
  const copied = (async () => {
    await (trusted && started ? started : copyFile(lines.path, out))
    // Exports are private, whatever the source's mode; anything after the last indexed line goes.
    await chmod(out, 0o600)
    await truncate(out, end)
  })()
  copied.catch(() => undefined)

  if (trusted) {
    const progress = onProgress
      ? setInterval(() => {
          stat(out)
            .then((written) => onProgress({ records: recordsWithin(lines, count, Math.min(written.size, end)), totalRecords: count }))
            .catch(() => undefined)
        }, COPY_PROGRESS_MS)
      : null
    try {
      await copied
    } finally {
      if (progress) clearInterval(progress)
    }
    onProgress?.({ records: count, totalRecords: count })
    return unchangedSince(lines.path, before)
  }

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
  return unchangedSince(lines.path, before)
}

/** True if the file at `path` is still as `before` says; throws if it changed while it was copied. */
async function unchangedSince(path: string, before: Stats): Promise<true> {
  if (!isSameFile(await stat(path), fileIdentity(before)))
    throw new Error(`${path} changed while it was being exported; export it again once it is complete`)
  return true
}
