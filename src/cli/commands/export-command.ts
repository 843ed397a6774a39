import { Command } from 'commander'
import { version, name } from '../../../package.json'
import { resolve } from 'node:path'
import { discardStartedCopy, startCopy } from '../../main/export/copy-checked-log'
import { EXPORT_FORMATS, exportToFile, type ExportFormat } from '../../main/export/export-session'
import { recordingLines } from '../../main/export/log-lines'
import { openSessionLog, type SessionLogFile } from '../../main/recordings/open-session-log'
import { SESSION_LOG_VERSION } from '../../shared/session-log/session-log-format'
import { checkOutputFile, replaceOutputFile } from '../files/output-file'
import { UsageError } from '../usage-error'
import { recordingInput } from './har-input'

/**
 * `netra-diag export`: turn a recording into HAR, JUnit, Markdown or a clean NDJSON copy.
 * Streams: the recording is read by range through its index and the output written as it goes,
 * so any size works in flat memory. Unreadable lines are reported as `FILE:LINE: problem` and skipped;
 * an export that fails (a disk error, a recording changed while read) leaves no partial `--out` file.
 */
export function exportCommand(): Command {
  return new Command('export')
    .description('convert a session recording (.ndjson) into HAR, JUnit XML, Markdown or NDJSON; or a HAR file into a recording (--format ndjson)')
    .argument('<recording>', 'a recording written by the app (recordings/*.ndjson in its data folder) or by probe --record, or a .har file')
    .requiredOption('--format <format>', `one of: ${Object.keys(EXPORT_FORMATS).join(', ')}`)
    .option('--out <file>', 'write here (mode 0600) instead of standard output')
    .option('--entry <n>', 'for a .har file with several WebSocket entries: which one (its index in log.entries)')
    .action(async (recording: string, flags: { format: string; out?: string; entry?: string }) => {
      if (!(flags.format in EXPORT_FORMATS)) throw new UsageError(`--format must be one of ${Object.keys(EXPORT_FORMATS).join(', ')}`)
      // Before reading a possibly large recording: a bad --out is known now.
      const out = flags.out === undefined ? null : checkOutputFile(flags.out, '--out')
      // Issue 11: a HAR is imported into a temporary recording first, then exported like any other.
      const input = await recordingInput(recording, flags.entry, (line) => void process.stderr.write(`warning: ${line}\n`))
      let log: SessionLogFile
      try {
        log = await openSessionLog(input.path)
      } catch (error) {
        await input.dispose()
        throw new UsageError(error instanceof Error ? error.message : String(error))
      }
      const warn = (issue: { line: number; message: string }): void => void process.stderr.write(`warning: ${recording}:${issue.line}: ${issue.message}\n`)
      const current = log.header.version === SESSION_LOG_VERSION
      // An NDJSON export of a file in the current format is normally the file itself: the OS copies it
      // while indexing checks every line, and the export keeps the copy only if they all passed.
      let startedCopy: Promise<void> | undefined
      if (out && current && flags.format === 'ndjson' && resolve(out) !== resolve(input.path)) {
        replaceOutputFile(out)
        startedCopy = startCopy(input.path, out)
      }
      try {
        const indexed = await log.indexed
        // Exports carry what the recording carries: private to the user, like the recording (0600).
        if (out && !startedCopy) replaceOutputFile(out)
        await exportToFile({
          format: flags.format as ExportFormat,
          source: {
            sessionId: log.header.sessionId,
            count: indexed.records,
            readRange: log.readRange,
            linesAreCurrent: current,
            ended: true,
            // A file in the current format is streamed line by line (NDJSON and HAR), not record by record.
            logLines: recordingLines(log, indexed),
            onIssue: warn
          },
          header: log.header,
          out: out ?? process.stdout,
          app: { name, version },
          startedCopy
        })
        // Reported last, after the lines before it, as the reader found it.
        for (const issue of indexed.issues) warn(issue)
      } catch (error) {
        // Nothing partial is left at --out (the export removes what it wrote; this, a copy it never got to).
        if (out) await discardStartedCopy(startedCopy, out)
        const code = (error as NodeJS.ErrnoException).code
        if (code === 'EPIPE') return
        if (code) throw new UsageError(`cannot export ${recording}${flags.out ? ` to ${flags.out}` : ''}: ${(error as Error).message}`)
        throw error
      } finally {
        await log.close()
        await input.dispose()
      }
    })
}
