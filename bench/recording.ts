import { createReadStream } from 'node:fs'
import { copyFile, rm } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
import { exportCommand } from '../src/cli/commands/export-command'
import { exportToFile, type ExportFormat } from '../src/main/export/export-session'
import { openSessionLog } from '../src/main/recordings/open-session-log'

/** Baseline for opening: read the file in 1 MB chunks and JSON.parse every line (what a plain NDJSON reader does). */
export async function parseEveryLine(path: string): Promise<number> {
  const started = performance.now()
  let rest: Buffer = Buffer.alloc(0)
  let lines = 0
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    const buffer = rest.length ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer)
    let start = 0
    let newline = buffer.indexOf(10, start)
    while (newline !== -1) {
      JSON.parse(buffer.toString('utf8', start, newline))
      lines++
      start = newline + 1
      newline = buffer.indexOf(10, start)
    }
    rest = buffer.subarray(start)
  }
  if (lines === 0) throw new Error('no lines parsed')
  return performance.now() - started
}

/** Opening with the app's reader: time to the first records, and to the whole index. */
export async function openRecording(path: string): Promise<{ firstMs: number; indexMs: number; records: number }> {
  const started = performance.now()
  const log = await openSessionLog(path)
  const firstMs = performance.now() - started
  if (log.first.records.length === 0) throw new Error('no first records')
  const { records } = await log.indexed
  const indexMs = performance.now() - started
  await log.close()
  return { firstMs, indexMs, records }
}

/** fs.copyFile of the recording: the floor for any export. */
export async function copyRecording(path: string, out: string): Promise<number> {
  const started = performance.now()
  await copyFile(path, out)
  const ms = performance.now() - started
  await rm(out, { force: true })
  return ms
}

/**
 * Export the recording: `own` treats it as a live session's own log (the app's path: NDJSON is a
 * byte copy); otherwise as a file opened by the CLI (every record read, checked and rewritten).
 * Returns the wall time; `cpu.ms` gets the process's CPU time during the export, if given.
 */
export async function exportRecording(path: string, out: string, format: ExportFormat, own: boolean, cpu?: { ms: number }): Promise<number> {
  const log = await openSessionLog(path)
  try {
    const { records, wholeLines } = await log.indexed
    const cpuBefore = process.cpuUsage()
    const started = performance.now()
    await exportToFile({
      format,
      // As the CLI does (src/cli/commands/export-command.ts) for a file in the current format.
      source: {
        sessionId: log.header.sessionId,
        count: records,
        readRange: log.readRange,
        linesAreCurrent: true,
        logLines: { path, offsetOf: log.offsetOf, firstLine: 2, checkedWhole: wholeLines ?? undefined },
        ownLog: own ? { path, bytes: log.offsetOf(records) } : undefined
      },
      header: log.header,
      out,
      app: { name: 'bench', version: '0' }
    })
    const ms = performance.now() - started
    // CPU time of the export alone, every thread (user + system): what a loaded machine stretches least.
    const used = process.cpuUsage(cpuBefore)
    if (cpu) cpu.ms = (used.user + used.system) / 1000
    await rm(out, { force: true })
    return ms
  } finally {
    await log.close()
  }
}

/**
 * `netra-diag export PATH --format FORMAT --out OUT`, run in this process (no Node start-up): the
 * whole command as a user runs it, from opening the recording (its index, which checks every line)
 * to the last byte written. Returns the wall time; `cpu.ms` gets the process's CPU time, if given.
 */
export async function exportWithCli(path: string, out: string, format: ExportFormat, cpu?: { ms: number }): Promise<number> {
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  await exportCommand().exitOverride().parseAsync([path, '--format', format, '--out', out], { from: 'user' })
  const ms = performance.now() - started
  const used = process.cpuUsage(cpuBefore)
  if (cpu) cpu.ms = (used.user + used.system) / 1000
  await rm(out, { force: true })
  return ms
}
