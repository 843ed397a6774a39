import type { CatalogEntry } from '../../shared/api/contract'
import { SANDBOX_EVENT_STYLES, SANDBOX_FAULTS, SANDBOX_GENERATIONS, SANDBOX_TRIAGE_ORDERS } from '../sandbox'

/** Everything the sandbox panel offers, as contract entries. */
export function sandboxCatalog(): { generations: CatalogEntry[]; faults: CatalogEntry[]; triageOrders: CatalogEntry[]; eventStyles: CatalogEntry[] } {
  return {
    generations: SANDBOX_GENERATIONS.map(({ id, title, description }) => ({ id, title, description })),
    faults: SANDBOX_FAULTS.map(({ id, title, description, generations }) => ({ id, title, description, ...(generations ? { generations: [...generations] } : {}) })),
    triageOrders: SANDBOX_TRIAGE_ORDERS.map((entry) => ({ ...entry })),
    eventStyles: SANDBOX_EVENT_STYLES.map(({ id, title, description }) => ({ id, title, description }))
  }
}
