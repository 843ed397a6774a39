import { createReadStream } from 'node:fs'
import { copyFile, open, rm } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
import { exportCommand } from '../src/cli/commands/export-command'
import { exportToFile, type ExportFormat } from '../src/main/export/export-session'
import { recordingLines } from '../src/main/export/log-lines'
import { openSessionLog } from '../src/main/recordings/open-session-log'
import { VerdictModel } from '../src/main/export/har-verdict'
import { FeedBatchBuilder } from '../src/shared/session-model'

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

/**
 * The recording read into the process and written back out, nothing else: 1 MiB reads, the next
 * read under way while a chunk is written. The floor of any export whose bytes pass through the
 * process (the HAR, and the NDJSON of a file with damaged lines); `fs.copyFile` never moves them
 * out of the kernel. Returns the wall time; the output is removed after.
 */
export async function userSpaceCopy(path: string, out: string): Promise<number> {
  const started = performance.now()
  const input = await open(path, 'r')
  const output = await open(out, 'w', 0o600).catch(async (error: unknown) => {
    await input.close()
    throw error
  })
  try {
    const buffers = [Buffer.allocUnsafe(1024 * 1024), Buffer.allocUnsafe(1024 * 1024)]
    let reads = 0
    let position = 0
    const readNext = (at: number): Promise<{ buffer: Buffer; bytesRead: number }> => {
      const buffer = buffers[reads++ % 2]
      return input.read(buffer, 0, buffer.length, at).then(({ bytesRead }) => ({ buffer, bytesRead }))
    }
    let next = readNext(0)
    for (;;) {
      const { buffer, bytesRead } = await next
      if (bytesRead === 0) break
      position += bytesRead
      next = readNext(position)
      await output.write(buffer, 0, bytesRead)
    }
  } finally {
    await input.close()
    await output.close()
  }
  const ms = performance.now() - started
  await rm(out, { force: true })
  return ms
}

/**
 * What a HAR's verdict alone costs: `records` bulk output frames packed as the one-pass writer
 * packs them (numbers and a type, 4 096 per batch) and folded by the HAR's own `VerdictModel` in
 * this thread, then the session diagnosed. No file is read or written: this is the floor of a HAR
 * export that carries a verdict, whatever is done to the bytes. Returns the wall time.
 */
export function foldVerdict(records: number): number {
  const started = performance.now()
  const model = new VerdictModel('bench')
  for (let from = 0; from < records; from += 4096) {
    const to = Math.min(records, from + 4096)
    const batch = new FeedBatchBuilder(to - from)
    for (let seq = from; seq < to; seq++) batch.bulk('stream_chunk', seq, seq / 10, 1010)
    model.add(batch.finish())
  }
  model.verdict(true)
  return performance.now() - started
}

/** fs.copyFile of the recording: the floor for any export. */
export async function copyRecording(path: string, out: string): Promise<number> {
  const started = performance.now()
  await copyFile(path, out)
  const ms = performance.now() - started
  await rm(out, { force: true })
  return ms
}

/** Time `work`, an export into `out`: its wall time, returned; its CPU time, every thread, into `cpu.ms` if given. `out` is removed after. */
async function timedExport(out: string, work: () => Promise<unknown>, cpu?: { ms: number }): Promise<number> {
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  await work()
  const ms = performance.now() - started
  // User + system: what a loaded machine stretches least.
  const used = process.cpuUsage(cpuBefore)
  if (cpu) cpu.ms = (used.user + used.system) / 1000
  await rm(out, { force: true })
  return ms
}

/**
 * The app's NDJSON export of a session's own log (the recording stands for it): a byte copy of
 * the log the session is writing, already open and indexed. Returns the wall time of the export.
 */
export async function exportOwnLog(path: string, out: string): Promise<number> {
  const log = await openSessionLog(path)
  try {
    const indexed = await log.indexed
    return await timedExport(out, () =>
      exportToFile({
        format: 'ndjson',
        source: {
          sessionId: log.header.sessionId,
          count: indexed.records,
          readRange: log.readRange,
          linesAreCurrent: true,
          logLines: recordingLines(log, indexed),
          ownLog: { path, bytes: log.offsetOf(indexed.records) }
        },
        header: log.header,
        out,
        app: { name: 'bench', version: '0' }
      })
    )
  } finally {
    await log.close()
  }
}

/**
 * `netra-diag export PATH --format FORMAT --out OUT`, run in this process (no Node start-up): the
 * whole command as a user runs it, from opening the recording (its index, which checks every line)
 * to the last byte written. Returns the wall time; `cpu.ms` gets the process's CPU time, if given.
 */
export function exportWithCli(path: string, out: string, format: ExportFormat, cpu?: { ms: number }): Promise<number> {
  return timedExport(out, () => exportCommand().exitOverride().parseAsync([path, '--format', format, '--out', out], { from: 'user' }), cpu)
}
