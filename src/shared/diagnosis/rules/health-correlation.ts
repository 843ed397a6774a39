import { COMPONENTS, type Component } from '../components'
import { healthStatusByComponent } from '../health-signals'
import type { SessionEvidence } from '../session-evidence'

// Critical services first (PROTOCOL.md §1): a failing database explains more than a failing optional store.
const PRIORITY: readonly Component[] = [
  'database',
  'auth',
  ...COMPONENTS.filter((component) => component !== 'database' && component !== 'auth')
]

/**
 * Components the health endpoints reported failing at preflight, most likely culprit first,
 * each with the sources that said so. Used to attribute a failure whose reason names no component.
 */
export function failingHealthComponents(
  evidence: SessionEvidence
): Array<{ component: Component; sources: string[] }> {
  const status = healthStatusByComponent(evidence.health)
  return PRIORITY.flatMap((component) => {
    const entry = status.get(component)
    if (!entry || entry.status !== 'failing') return []
    const sources = entry.signals
      .filter((signal) => signal.status === 'failing')
      .map((signal) => signal.source)
    return [{ component, sources }]
  })
}
