import { join } from 'node:path'
import { createBackend } from '../../../main/backend/create-backend'
import type { SandboxGeneration } from '../../../main/sandbox'
import { EXPECTED_FAULT_DIAGNOSES } from '../../../shared/diagnosis'
import { readRecording } from '../../commands/replay-command'
import { FAULT_PARAMETERS, PROBE_TIMEOUT_MS } from '../../fault-matrix/run-fault-matrix'
import { appendProbeJudgment } from '../probe-judgment'
import type { ProbeResult } from '../probe-result'
import { replayReport } from '../replay-recording'
import { runProbeSession } from '../run-probe'

/** The probe's object minus what depends on the clock of the run (none of it does today but the duration). */
export type Comparable = Omit<ProbeResult, 'durationMs'>

/** One fault-table row probed with `--record`, and its recording replayed. */
export type ReplayPair = { key: string; probed: Comparable; replayed: Comparable; issues: string[] }

/** `result` without its duration. */
export function comparable(result: ProbeResult): Comparable {
  const { durationMs: _durationMs, ...rest } = result
  return rest
}

/**
 * The fault-table rows `npm test` replays: the first row of every (top component, verdict) pair the
 * table expects, so every component and verdict the diagnosis can reach — refusals, closes, drops,
 * degradations, the component-codes generation — is probed and replayed (17 of the 41 rows today).
 * `npm run soak -- --only replay` replays all of them.
 */
export function representativeFaultKeys(): string[] {
  const firstOf = new Map<string, string>()
  for (const [key, expected] of Object.entries(EXPECTED_FAULT_DIAGNOSES)) {
    const kind = `${expected.topComponent}/${expected.verdict}`
    if (!firstOf.has(kind)) firstOf.set(kind, key)
  }
  return [...firstOf.values()]
}

/** `probe --record FILE` in-process, as the command runs it: the recording, then the judgment note. */
async function probeAndRecord(key: string, file: string): Promise<ProbeResult> {
  const [fault, generationPart] = key.split('@')
  const backend = createBackend({
    host: 'cli',
    sandbox: { faults: [FAULT_PARAMETERS[fault] ?? fault], generation: (generationPart ?? 'beta-17') as SandboxGeneration, stepDelayMs: 2 },
    recordingPath: () => file
  })
  try {
    const run = await runProbeSession(backend, { environmentId: 'sandbox', message: 'Analyse my cloud costs', timeoutMs: PROBE_TIMEOUT_MS })
    await backend.dispose()
    await appendProbeJudgment(file, run.judgment, run.last)
    return run.result
  } finally {
    await backend.dispose()
  }
}

/**
 * Probe each fault-table row `keys` names against the sandbox with a recording (recordings in `dir`),
 * replay the recording, and hand each pair to `onPair` as it completes; `concurrency` rows at a time.
 */
export async function replayEquivalence(keys: readonly string[], dir: string, onPair: (pair: ReplayPair) => void, concurrency = 4): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < keys.length) {
      const key = keys[next++]
      const file = join(dir, `${key.replace(/[^a-z0-9-]/gi, '_')}.ndjson`)
      const issues: string[] = []
      const probed = await probeAndRecord(key, file)
      const { sessionId, records } = await readRecording(file, (issue) => issues.push(`line ${issue.line}: ${issue.message}`))
      onPair({ key, probed: comparable(probed), replayed: comparable(replayReport(sessionId, records)), issues })
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker))
}
