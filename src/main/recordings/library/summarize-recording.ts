import { stat } from 'node:fs/promises'
import type { LibraryEntry } from '../../../shared/api/library-schemas'
import { summarizeRecords } from '../../export/summarize-records'
import { openSessionLog } from '../open-session-log'

/** What only the backend knew when it recorded the session (not in the file). */
export type RecordingExtras = {
  /** The sandbox faults injected at connect time, comma-separated. */
  sandboxFault?: string | null
  /** The user's name for it (kept across a re-index). */
  name?: string | null
}

/** The list's default name: environment and local start time. */
function defaultName(environmentName: string, startedAt: number): string {
  const date = new Date(startedAt)
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${environmentName} · ${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/**
 * Describe one recording for the library: read it record by record through the shared reducer
 * (the same one the UI and the exports use), diagnose it with today's rules, and keep only what
 * the list shows. Unreadable lines are skipped (the reader reports them when the file is opened);
 * a file that is not a recording at all throws the reader's error naming the file.
 */
export async function summarizeRecording(
  path: string,
  id: string,
  extras: RecordingExtras = {}
): Promise<LibraryEntry> {
  const file = await openSessionLog(path, { firstRecords: 1 })
  try {
    const indexed = await file.indexed
    const info = await stat(path)
    const { folded } = await summarizeRecords({
      sessionId: file.header.sessionId,
      count: indexed.records,
      readRange: (from, count) => file.readRange(from, count)
    })
    const model = folded.model
    const startedAt = model.start?.wallClock ?? Date.parse(file.header.createdAt)
    const durationMs = Math.max(0, model.rows.at(-1)?.t ?? 0)
    const diagnosis = folded.diagnose({ nowMs: startedAt + durationMs })
    const top = diagnosis.findings[0] ?? null
    const environmentName = model.start?.environment.name ?? 'Unknown environment'
    return {
      id,
      path,
      name: extras.name ?? defaultName(environmentName, startedAt),
      sessionId: file.header.sessionId,
      environmentId: model.start?.environment.id ?? 'unknown',
      environmentName,
      url: model.start?.url ?? '',
      startedAt,
      durationMs,
      recordCount: model.rows.length,
      verdict: diagnosis.verdict,
      topFinding: top ? { component: top.component, title: top.title } : null,
      sandboxFault: extras.sandboxFault ?? null,
      cutOff: model.close === null,
      bytes: info.size,
      mtimeMs: info.mtimeMs
    }
  } finally {
    await file.close()
  }
}
