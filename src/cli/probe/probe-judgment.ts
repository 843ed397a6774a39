import { appendFile, stat } from 'node:fs/promises'
import { z } from 'zod'
import type { FrameRecord } from '../../shared/api/frame-record'
import type { ServiceLevels } from '../../shared/diagnosis'

/**
 * Everything the probe judged its session with besides the records: when it stopped waiting (the
 * last record seen then, and the clock), the silence threshold its timeout implied, whether the
 * time ran out, the environment's service levels and generation, and where the health checks
 * went. Saved at the end of `--record FILE`, it lets `replay` judge the recording exactly as the
 * probe judged the session.
 */
export type ProbeJudgment = {
  /** Last seq the probe had seen when it judged (before its own polite close). */
  judgedSeq: number
  /** Epoch ms of the judgment; absent: the time of the last record (a recording not made by a probe). */
  nowMs?: number
  silenceMs: number
  timedOut: boolean
  sla?: ServiceLevels
  expectedGeneration?: string | null
  httpBase: { url: string | null; source: 'environment' | 'given' | 'derived' | 'none' }
  /** How long the probe took, as it reported it. */
  durationMs: number
}

const ProbeJudgmentSchema = z.object({
  judgedSeq: z.number().int(),
  nowMs: z.number().optional(),
  silenceMs: z.number().nonnegative(),
  timedOut: z.boolean(),
  sla: z.object({ dataProcessingMs: z.number(), reportAfterDataMs: z.number(), fullAnswerMs: z.number() }).optional(),
  expectedGeneration: z.string().nullable().optional(),
  httpBase: z.object({ url: z.string().nullable(), source: z.enum(['environment', 'given', 'derived', 'none']) }),
  durationMs: z.number().nonnegative()
})

/** The note's text starts with this; the rest is the judgment as JSON. */
const PREFIX = 'probe judgment '

/** Read the probe's judgment from a recording's notes (the last one wins); null when it has none or it is damaged. */
export function readProbeJudgment(records: readonly FrameRecord[]): ProbeJudgment | null {
  for (let i = records.length - 1; i >= 0; i--) {
    const record = records[i]
    if (record.kind !== 'note' || !record.text.startsWith(PREFIX)) continue
    try {
      const parsed = ProbeJudgmentSchema.safeParse(JSON.parse(record.text.slice(PREFIX.length)))
      return parsed.success ? parsed.data : null
    } catch {
      return null
    }
  }
  return null
}

/**
 * Append the judgment to a finished recording as a `note` record after its last one (the backend
 * has closed the file). It holds no secret: settings, times and the health base URL only.
 */
export async function appendProbeJudgment(path: string, judgment: ProbeJudgment, last: { seq: number; t: number }): Promise<void> {
  // No file means the session never started recording (refused before it began): nothing to add to.
  if (!(await stat(path).catch(() => null))?.isFile()) return
  const record = { seq: last.seq + 1, t: last.t, dir: 'local', kind: 'note', text: `${PREFIX}${JSON.stringify(judgment)}` }
  await appendFile(path, `${JSON.stringify(record)}\n`)
}
