import { Command } from 'commander'
import { openSessionLog, type SessionLogFile } from '../../main/recordings/open-session-log'
import type { FrameRecord } from '../../shared/api/frame-record'
import { exitForVerdict } from '../exit-codes'
import { formatProbe } from '../probe/format-probe'
import { replayReport } from '../probe/replay-recording'
import { terminalStyle } from '../terminal-style'
import { UsageError } from '../usage-error'
import { recordingInput } from './har-input'

/** Records read per step: a recording of any size is read through its index, a range at a time. */
const RANGE = 10_000

/** A problem with one line of the file, reported as `FILE:LINE: problem`. */
export type ReplayIssue = { line: number; message: string }

/**
 * Read a file given on the command line as a recording: an `.ndjson` recording as it is, a `.har`
 * file converted first (one WebSocket entry, `--entry N` when it has several; see har-input.ts).
 * Returns the records and deletes any temporary conversion.
 */
export async function readRecordingFile(
  file: string,
  entryFlag: string | undefined,
  onIssue: (issue: ReplayIssue) => void
): Promise<{ sessionId: string; records: FrameRecord[] }> {
  const input = await recordingInput(file, entryFlag, (line) => void process.stderr.write(`warning: ${line}\n`))
  try {
    return await readRecording(input.path, onIssue)
  } finally {
    await input.dispose()
  }
}

/**
 * Read every record of a recording in order. A file that is not a recording (missing, empty,
 * binary, a newer version…) is a usage error naming it; a damaged line is reported through
 * `onIssue` with its line number and skipped, and everything readable is kept.
 */
export async function readRecording(path: string, onIssue: (issue: ReplayIssue) => void): Promise<{ sessionId: string; records: FrameRecord[] }> {
  let log: SessionLogFile
  try {
    log = await openSessionLog(path)
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
  try {
    const indexed = await log.indexed
    const records: FrameRecord[] = []
    for (let from = 0; from < indexed.records; from += RANGE) {
      const range = await log.readRange(from, RANGE)
      for (const record of range.records) records.push(record)
      for (const issue of range.issues) onIssue(issue)
    }
    for (const issue of indexed.issues) onIssue(issue)
    if (records.length === 0) throw new UsageError(`${path}: the recording has no readable record`)
    return { sessionId: log.header.sessionId, records }
  } finally {
    await log.close()
  }
}

/** `netra-diag replay`: what `probe` printed for the session a recording holds, judged with today's rules. */
export function replayCommand(): Command {
  return new Command('replay')
    .description('diagnose a recording (.ndjson, e.g. from probe --record) and print what probe prints for it: same report, same --json object, same exit status')
    .argument('<file>', 'a recording written by the app or by probe --record (.ndjson), or a browser HAR file (.har)')
    .option('--json', 'print one JSON object (the probe\'s) instead of the report')
    .option('--entry <n>', 'for a .har file with several WebSocket entries: which one (its index in log.entries)')
    .action(async (file: string, flags: { json?: boolean; entry?: string }) => {
      const warn = (issue: ReplayIssue): void => void process.stderr.write(`warning: ${file}:${issue.line}: ${issue.message}\n`)
      const { sessionId, records } = await readRecordingFile(file, flags.entry, warn)
      const result = replayReport(sessionId, records)
      process.stdout.write(flags.json ? `${JSON.stringify(result)}\n` : `${formatProbe(result, terminalStyle(process.stdout))}\n`)
      process.exitCode = exitForVerdict(result.verdict)
    })
}
