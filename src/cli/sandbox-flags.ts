import { SANDBOX_GENERATIONS, faultProblem, isSandboxGeneration } from '../main/sandbox'
import { UsageError } from './usage-error'

/** Check `--fault` values (a fault may carry an option after a colon, e.g. `slow-llm:8000`). */
export function checkFaults(faults: string[]): string[] {
  for (const fault of faults) {
    const problem = faultProblem(fault)
    if (problem?.kind === 'unknown-fault') throw new UsageError(`unknown fault "${fault}"; list them with: netra-diag sandbox --list-faults`)
    if (problem) throw new UsageError(`bad fault parameter in "${fault}": only slow-llm takes one (slow-llm:<ms>)`)
  }
  return faults
}

/** Check a `--generation` value. */
export function checkGeneration(generation: string | undefined): void {
  if (generation && !isSandboxGeneration(generation))
    throw new UsageError(`unknown generation "${generation}"; one of: ${SANDBOX_GENERATIONS.map((known) => known.id).join(', ')}`)
}

/** Collect a repeatable option into an array (commander argParser). */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value]
}

/** Parse a TCP port option. */
export function parsePort(value: string, flag = '--port'): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`${flag} must be an integer 0–65535, got "${value}"`)
  return port
}
