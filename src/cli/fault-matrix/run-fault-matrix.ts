import { EXPECTED_FAULT_DIAGNOSES, type ExpectedFaultDiagnosis } from '../../shared/diagnosis'
import { createBackend } from '../../main/backend/create-backend'
import type { SandboxEventStyle, SandboxGeneration } from '../../main/sandbox'
import { runProbe } from '../probe/run-probe'

/** One line of the fault table: what the diagnosis should say about a fault, and what it said. */
export type FaultMatrixRow = {
  key: string
  fault: string
  generation: SandboxGeneration
  expected: ExpectedFaultDiagnosis
  got: { topComponent: string | null; verdict: string; topFinding: string | null }
  pass: boolean
}

/**
 * The probe every row uses: the real sandbox, preflight on, the platform's real SLA.
 * `slow-llm` is pinned to 5.5 s (just over the 5 s data SLA) and the timeout leaves room
 * for it; silence is judged at half the timeout, so `server-silent` is seen as silent.
 */
export const PROBE_TIMEOUT_MS = 12_000
/** Fault parameters of the rows whose fault takes one (see `PROBE_TIMEOUT_MS`). */
export const FAULT_PARAMETERS: Record<string, string> = { 'slow-llm': 'slow-llm:5500' }

async function runRow(key: string, expected: ExpectedFaultDiagnosis, eventStyle: SandboxEventStyle | undefined): Promise<FaultMatrixRow> {
  const [fault, generationPart] = key.split('@')
  const generation = (generationPart ?? 'beta-17') as SandboxGeneration
  const backend = createBackend({ host: 'cli', sandbox: { faults: [FAULT_PARAMETERS[fault] ?? fault], generation, stepDelayMs: 2, eventStyle } })
  try {
    const result = await runProbe(backend, { environmentId: 'sandbox', message: 'Analyse my cloud costs', timeoutMs: PROBE_TIMEOUT_MS })
    const top = result.findings[0] ?? null
    const got = { topComponent: top?.component ?? null, verdict: result.verdict, topFinding: top?.code ?? null }
    return { key, fault, generation, expected, got, pass: got.topComponent === expected.topComponent && got.verdict === expected.verdict }
  } finally {
    await backend.dispose()
  }
}

/**
 * Probe every sandbox fault (and generation variant) and compare the diagnosis with the expectation.
 * `eventStyle` runs the whole matrix in one sandbox event style (default: the sandbox's, `wrapped`).
 */
export async function runFaultMatrix(
  options: { concurrency?: number; eventStyle?: SandboxEventStyle; onRow?: (row: FaultMatrixRow, done: number, total: number) => void } = {}
): Promise<FaultMatrixRow[]> {
  const entries = Object.entries(EXPECTED_FAULT_DIAGNOSES)
  const rows: FaultMatrixRow[] = new Array(entries.length)
  let next = 0
  let done = 0
  const worker = async (): Promise<void> => {
    while (next < entries.length) {
      const index = next++
      const [key, expected] = entries[index]
      rows[index] = await runRow(key, expected, options.eventStyle)
      options.onRow?.(rows[index], ++done, entries.length)
    }
  }
  await Promise.all(Array.from({ length: options.concurrency ?? 6 }, worker))
  return rows
}
