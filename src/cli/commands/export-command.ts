import { writeFileSync } from 'node:fs'
import { Command } from 'commander'
import { applyRecords, createSessionModel } from '../../shared/session-model'
import { diagnoseSession } from '../../shared/diagnosis'
import { version, name } from '../../../package.json'
import { EXPORT_FORMATS, exportSession, type ExportFormat } from '../../main/export/export-session'
import { readSessionLog } from '../../main/recordings/read-session-log'
import { checkOutputFile, replaceOutputFile } from '../files/output-file'
import { UsageError } from '../usage-error'

/** `netra-diag export`: turn a recording into HAR, JUnit, Markdown or a clean NDJSON copy. */
export function exportCommand(): Command {
  return new Command('export')
    .description('convert a session recording (.ndjson) into HAR, JUnit XML, Markdown or NDJSON')
    .argument('<recording>', 'a recording written by the app (recordings/*.ndjson in its data folder) or by probe --record')
    .requiredOption('--format <format>', `one of: ${Object.keys(EXPORT_FORMATS).join(', ')}`)
    .option('--out <file>', 'write here instead of standard output')
    .action(async (recording: string, flags: { format: string; out?: string }) => {
      if (!(flags.format in EXPORT_FORMATS)) throw new UsageError(`--format must be one of ${Object.keys(EXPORT_FORMATS).join(', ')}`)
      // Before reading a possibly large recording: a bad --out is known now.
      const out = flags.out === undefined ? null : checkOutputFile(flags.out, '--out')
      let contents
      try {
        contents = await readSessionLog(recording)
      } catch (error) {
        throw new UsageError(error instanceof Error ? error.message : String(error))
      }
      for (const issue of contents.issues) process.stderr.write(`warning: ${recording}:${issue.line}: ${issue.message}\n`)
      const model = applyRecords(createSessionModel(contents.header.sessionId), contents.records)
      // Offline: the recording's own end is "now", so the diagnosis matches what the app saw.
      const output = exportSession(flags.format as ExportFormat, { model, diagnosis: diagnoseSession(model), app: { name, version } })
      if (out) {
        // Exports carry what the recording carries: private to the user, like the recording (0600).
        replaceOutputFile(out)
        writeFileSync(out, output, { mode: 0o600, flag: 'wx' })
      } else process.stdout.write(output)
    })
}
