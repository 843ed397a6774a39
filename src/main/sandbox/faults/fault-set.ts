import { SANDBOX_FAULTS } from './catalog'

const KNOWN = new Set(SANDBOX_FAULTS.map((fault) => fault.id))

/** Split `id:param` into its parts; only `slow-llm` takes a parameter today. */
function splitFault(entry: string): { id: string; param: string | null } {
  const colon = entry.indexOf(':')
  return colon < 0 ? { id: entry, param: null } : { id: entry.slice(0, colon), param: entry.slice(colon + 1) }
}

/** Why a fault entry cannot be used: an id the catalog does not know, or a parameter it does not take. */
export type FaultProblem = { kind: 'unknown-fault' | 'bad-parameter'; entry: string }

/** The problem with one fault entry (`id` or `id:param`), or null when the sandbox accepts it. */
export function faultProblem(entry: string): FaultProblem | null {
  const { id, param } = splitFault(entry)
  if (!KNOWN.has(id)) return { kind: 'unknown-fault', entry }
  if (param !== null && (id !== 'slow-llm' || !/^\d+$/.test(param))) return { kind: 'bad-parameter', entry }
  return null
}

/** Throw on a fault the catalog does not know or a bad parameter, so a typo never silently injects nothing. */
export function validateFaults(entries: readonly string[]): void {
  for (const entry of entries) {
    const problem = faultProblem(entry)
    if (problem?.kind === 'unknown-fault') throw new Error(`Unknown sandbox fault: ${entry}`)
    if (problem) throw new Error(`Invalid sandbox fault parameter: ${entry}`)
  }
}

/** The faults active on one connection (a snapshot taken when it opened). */
export class FaultSet {
  private readonly ids = new Set<string>()
  private readonly params = new Map<string, string>()

  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const { id, param } = splitFault(entry)
      this.ids.add(id)
      if (param !== null) this.params.set(id, param)
    }
  }

  /** Is the fault active? */
  has(id: string): boolean {
    return this.ids.has(id)
  }

  /** Delay of the slow-llm step: explicit `slow-llm:<ms>`, else 150 × stepDelayMs so 40 ms breaches the 5 s SLA. */
  slowLlmDelayMs(stepDelayMs: number): number {
    const explicit = this.params.get('slow-llm')
    return explicit !== undefined ? Number(explicit) : stepDelayMs * 150
  }
}
