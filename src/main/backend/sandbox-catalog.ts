import type { CatalogEntry } from '../../shared/api/contract'
import { SANDBOX_FAULTS, SANDBOX_GENERATIONS, type TriageOrder } from '../sandbox'

/** The four triage outcomes and the agent order each produces (PROTOCOL.md §4). */
export const TRIAGE_ORDERS: ReadonlyArray<CatalogEntry & { id: TriageOrder }> = [
  { id: 'sufficient', title: 'Data sufficient', description: 'triage → data → optimization → actions → reporting' },
  { id: 'partial', title: 'Data partial', description: 'triage → data_helper → data → reporting' },
  { id: 'insufficient', title: 'Data insufficient (default)', description: 'triage → data_helper → reporting' },
  { id: 'unknown', title: 'Unknown', description: 'data_helper → reporting' }
]

/** Everything the sandbox panel offers, as contract entries. */
export function sandboxCatalog(): { generations: CatalogEntry[]; faults: CatalogEntry[]; triageOrders: CatalogEntry[] } {
  return {
    generations: SANDBOX_GENERATIONS.map(({ id, title, description }) => ({ id, title, description })),
    faults: SANDBOX_FAULTS.map(({ id, title, description, generations }) => ({ id, title, description, ...(generations ? { generations: [...generations] } : {}) })),
    triageOrders: TRIAGE_ORDERS.map((entry) => ({ ...entry }))
  }
}
