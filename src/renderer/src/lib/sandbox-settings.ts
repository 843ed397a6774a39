import type { CatalogEntry, SandboxStatus } from '../../../shared/api/contract'

/** What `sandbox.configure` sets: the part of the sandbox's status a user chooses. */
export type SandboxSettings = { generation: string; triage: string; faults: string[] }

/** The settings a status reports. */
export function settingsOf(status: SandboxStatus): SandboxSettings {
  return { generation: status.generation, triage: status.triage, faults: [...status.faults] }
}

/** Same generation, triage and set of faults (fault order does not change the sandbox's behaviour). */
export function sameSettings(a: SandboxSettings, b: SandboxSettings): boolean {
  if (a.generation !== b.generation || a.triage !== b.triage || a.faults.length !== b.faults.length) return false
  const faults = new Set(a.faults)
  return b.faults.every((fault) => faults.has(fault))
}

/** A fault id without its parameter (`slow-llm:8000` → `slow-llm`), as the sandbox matches it. */
export function baseFaultId(fault: string): string {
  return fault.split(':')[0]
}

/** Whether a catalog fault behaves as described under `generation` (absent `generations` means every one). */
export function faultApplies(fault: CatalogEntry, generation: string): boolean {
  return !fault.generations || fault.generations.includes(generation)
}

/** Case-insensitive match of every word of `query` against a fault's id, title and description. */
export function matchesQuery(entry: CatalogEntry, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return true
  const haystack = `${entry.id} ${entry.title} ${entry.description}`.toLowerCase()
  return words.every((word) => haystack.includes(word))
}
