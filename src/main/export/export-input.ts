import type { RunReport } from '../../shared/reports'
import type { SessionModel } from '../../shared/session-model'

/** The part of a diagnosis an export shows (the full Diagnosis type satisfies it). */
export type ExportDiagnosis = {
  verdict: string
  summary: string
  findings: ReadonlyArray<{
    component: string
    severity: string
    /** certain, likely or possible; absent in diagnoses made before confidence existed. */
    confidence?: string
    code: string
    title: string
    explanation: string
    nextSteps: readonly string[]
  }>
}

/** What every exporter receives: the session as the reducer sees it, its diagnosis if any, and what its agents said. */
export type ExportInput = {
  model: SessionModel
  diagnosis?: ExportDiagnosis | null
  /** The reports per run (see `summarizeRecords`); only the Markdown export shows them. */
  reports: RunReport[]
  app: { name: string; version: string }
}

/** Epoch ms of a record's offset: the one wall-clock anchor plus the monotonic offset. */
export function wallTime(model: SessionModel, t: number): number {
  return (model.start?.wallClock ?? 0) + t
}

/**
 * An epoch time as ISO 8601, or a plain note when it is outside what a Date can hold.
 * The reader already rejects such times; this keeps every exporter total anyway.
 */
export function isoTime(ms: number): string {
  const date = new Date(ms)
  return Number.isNaN(date.getTime()) ? `(invalid time ${String(ms)})` : date.toISOString()
}

/** The query parameters of a URL, or none when it cannot be parsed (a hand-edited or damaged recording). */
export function queryOf(url: string): Array<{ name: string; value: string }> {
  try {
    return [...new URL(url, 'ws://invalid').searchParams].map(([name, value]) => ({ name, value }))
  } catch {
    return []
  }
}
