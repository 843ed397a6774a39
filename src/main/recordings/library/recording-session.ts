import { stat } from 'node:fs/promises'
import { extname } from 'node:path'
import { ContractError, type SessionSummary } from '../../../shared/api/contract'
import type { RangeRead } from '../read-indexed-records'
import { openSessionLog, type SessionLogFile } from '../open-session-log'

/**
 * A recording opened from disk as a read-only session: it sits in the normal session list and its
 * records are served by range from the file through `session.records`, so the UI attaches to it
 * exactly as to a live session (one code path: records in, views out). Nothing can be sent on it.
 */
export class RecordingSession {
  private constructor(
    readonly id: string,
    readonly file: SessionLogFile,
    private readonly describe: Omit<SessionSummary, 'id' | 'recordCount' | 'state' | 'origin'>
  ) {}

  /**
   * Open `path` (validated here: a regular `.ndjson` file that is a recording). The first records
   * are read at once; the rest is indexed in the background. Errors name the file.
   */
  static async open(id: string, path: string): Promise<RecordingSession> {
    if (extname(path).toLowerCase() !== '.ndjson')
      throw new ContractError('invalid-request', `${path} is not a .ndjson recording`)
    const info = await stat(path).catch(() => null)
    if (!info) throw new ContractError('not-found', `no recording at ${path}`)
    if (!info.isFile()) throw new ContractError('invalid-request', `${path} is not a file`)
    let file: SessionLogFile
    try {
      file = await openSessionLog(path)
    } catch (error) {
      throw new ContractError('invalid-request', (error as Error).message)
    }
    const start = file.first.records.find((record) => record.kind === 'session-start')
    return new RecordingSession(id, file, {
      environmentId: start?.environment.id ?? 'unknown',
      environmentName: start?.environment.name ?? 'Unknown environment',
      url: start?.url ?? '',
      startedAt: start?.wallClock ?? Date.parse(file.header.createdAt)
    })
  }

  /** The file's path. */
  get path(): string {
    return this.file.path
  }

  /** Records indexed so far (all of them once `file.complete`). */
  get recordCount(): number {
    return this.file.recordCount
  }

  /**
   * Records `[from, from + count)`. A range past what is indexed so far waits for the indexing,
   * so a UI paging from 0 sees every record, not just the first part.
   */
  async readRecords(from: number, count: number): Promise<RangeRead> {
    if (!this.file.complete && from + count > this.file.recordCount)
      await this.file.indexed.catch(() => undefined)
    return this.file.readRange(from, count)
  }

  /**
   * The unreadable lines found so far, as `FILE:LINE: problem`: in the first records, and a cut-off
   * last line once indexing is done — waited for at most `waitMs`.
   */
  async knownIssues(waitMs = 1_000): Promise<string[]> {
    let timer: NodeJS.Timeout | undefined
    const indexed = await Promise.race([
      this.file.indexed.catch(() => null),
      new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), waitMs)))
    ])
    clearTimeout(timer)
    const issues = [...this.file.first.issues, ...(indexed?.issues ?? [])]
    return issues.slice(0, 20).map((issue) => `${this.file.path}:${issue.line}: ${issue.message}`)
  }

  /** As the session list shows it: closed, from a recording. */
  summary(): SessionSummary {
    return {
      id: this.id,
      ...this.describe,
      state: 'closed',
      recordCount: this.file.recordCount,
      origin: 'recording'
    }
  }

  /** Close the file. */
  close(): Promise<void> {
    return this.file.close()
  }
}
