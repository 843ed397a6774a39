// The sandbox's name lists, not its index: `probe --help` must not load the sandbox server to list them.
import { SANDBOX_EVENT_STYLES, isSandboxEventStyle } from '../main/sandbox/event-styles'
import { faultProblem } from '../main/sandbox/faults/fault-set'
import { SANDBOX_GENERATIONS, isSandboxGeneration } from '../main/sandbox/generations'
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

/** Check an `--event-style` value. */
export function checkEventStyle(eventStyle: string | undefined): void {
  if (eventStyle && !isSandboxEventStyle(eventStyle))
    throw new UsageError(`unknown event style "${eventStyle}"; one of: ${SANDBOX_EVENT_STYLES.map((known) => known.id).join(', ')}`)
}

/** Help text of `--event-style`. */
export const EVENT_STYLE_HELP = `how agent events are spread over a run: ${SANDBOX_EVENT_STYLES.map((style) => style.id).join(' | ')} (default wrapped: the Supervisor sends only agent_started/agent_completed, agents without tools send no tool events, as PROTOCOL.md §4)`

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

/** Parse `--speed N` of `sandbox --replay`: a positive playback factor (1 as recorded, 4 four times faster). */
export function parseSpeed(value: string): number {
  const speed = Number(value)
  if (!Number.isFinite(speed) || speed <= 0 || speed > 10_000) throw new UsageError(`--speed must be a number above 0 (1 plays as recorded, 4 four times faster), got "${value}"`)
  return speed
}
