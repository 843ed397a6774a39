import { basename, extname, join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { ContractError, type ContractHandlers } from '../../../shared/api/contract'
import type { SecretRedactor } from '../../../shared/session-log/secret-redactor'
import { convertHarToRecording } from './convert-har'
import { listHarWebSockets, type HarIssue } from './har-index'

/** The `recordings.*` methods of the HAR import. */
export type HarHandlers = Pick<ContractHandlers, 'recordings.har-entries' | 'recordings.import-har'>

/** What the HAR methods need from the backend. */
export type HarHandlerDeps = {
  /** The folder recordings are written to (`<dataDir>/recordings`; configurable by the library). */
  recordingsDir(): string
  /** The backend's redactor: the secrets it knows are redacted from imports too. */
  redactor: SecretRedactor
}

const describeIssue = (path: string, issue: HarIssue): string => `${path}:${issue.line}:${issue.column}: ${issue.message}`

/** A file name that says where the recording came from, unique without looking at the folder. */
function importFileName(harPath: string, entry: number | undefined): string {
  const stem = basename(harPath, extname(harPath)).replace(/[^\w.-]+/g, '_').slice(0, 60) || 'har'
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  return `${stamp}-har-${stem}${entry === undefined ? '' : `-entry${entry}`}-${randomBytes(3).toString('hex')}.ndjson`
}

/**
 * `recordings.har-entries` and `recordings.import-har`: read a HAR in main (streaming, any size)
 * and answer with redacted entries, or write the chosen entry as a recording. A bad file is an
 * `invalid-request` with the reader's message, which names the file (and line and column).
 */
export function harHandlers(deps: HarHandlerDeps): HarHandlers {
  const refuse = (error: unknown): never => {
    throw new ContractError('invalid-request', error instanceof Error ? error.message : String(error))
  }
  return {
    'recordings.har-entries': async ({ path }) => {
      const issues: string[] = []
      const entries = await listHarWebSockets(path, { redactor: deps.redactor, onIssue: (issue) => issues.push(describeIssue(path, issue)) }).catch(refuse)
      return issues.length ? { entries, issues } : { entries }
    },
    'recordings.import-har': async ({ path, entry }) => {
      const out = join(deps.recordingsDir(), importFileName(path, entry))
      const result = await convertHarToRecording(path, out, { entry, redactor: deps.redactor }).catch(refuse)
      const issues = result.issues.map((issue) => describeIssue(path, issue))
      return { path: out, records: result.records, entry: result.entry, ...(issues.length ? { issues } : {}) }
    }
  }
}
