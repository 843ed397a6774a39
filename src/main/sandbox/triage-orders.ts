import type { TriageOrder } from './types'

/** The four triage outcomes and the agent order each produces (PROTOCOL.md §4). */
export const SANDBOX_TRIAGE_ORDERS: ReadonlyArray<{ id: TriageOrder; title: string; description: string }> = [
  { id: 'sufficient', title: 'Data sufficient', description: 'triage → data → optimization → actions → reporting' },
  { id: 'partial', title: 'Data partial', description: 'triage → data_helper → data → reporting' },
  { id: 'insufficient', title: 'Data insufficient (default)', description: 'triage → data_helper → reporting' },
  { id: 'unknown', title: 'Unknown', description: 'data_helper → reporting' }
]

/** Is `value` one of the triage outcomes? */
export function isTriageOrder(value: unknown): value is TriageOrder {
  return SANDBOX_TRIAGE_ORDERS.some((order) => order.id === value)
}
