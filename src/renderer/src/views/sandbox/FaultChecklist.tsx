import { useMemo, useState } from 'react'
import type { CatalogEntry } from '../../../../shared/api/contract'
import { baseFaultId, faultApplies, matchesQuery } from '../../lib/sandbox-settings'
import { useAppStore } from '../../stores/use-app-store'
import { FaultRow } from './FaultRow'

/** The fault catalog as a searchable checklist, marking faults written for other generations. */
export function FaultChecklist({
  faults,
  ticked,
  generation
}: {
  faults: readonly CatalogEntry[]
  /** Fault ids of the draft, possibly with parameters (`slow-llm:8000`). */
  ticked: readonly string[]
  generation: string
}) {
  const toggle = useAppStore((state) => state.toggleSandboxFault)
  const [query, setQuery] = useState('')
  // "Ticked only" keeps the faults ticked when it was switched on, so unticking one by mistake
  // does not make it vanish before it can be ticked again.
  const [pinned, setPinned] = useState<ReadonlySet<string> | null>(null)

  const tickedByBase = useMemo(() => new Map(ticked.map((id) => [baseFaultId(id), id])), [ticked])
  const visible = useMemo(
    () =>
      faults.filter(
        (fault) => matchesQuery(fault, query) && (!pinned || pinned.has(fault.id) || tickedByBase.has(fault.id))
      ),
    [faults, query, pinned, tickedByBase]
  )
  const tickedCount = faults.filter((fault) => tickedByBase.has(fault.id)).length

  return (
    <div className="fault-checklist">
      <div className="fault-toolbar">
        <input
          className="input fault-search"
          type="search"
          placeholder="Search faults: id, title, close code…"
          aria-label="Search faults"
          data-testid="fault-search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <label className="toggle" title="Show only the ticked faults">
          <input
            type="checkbox"
            checked={pinned !== null}
            onChange={(event) => setPinned(event.target.checked ? new Set(tickedByBase.keys()) : null)}
          />
          Ticked only
        </label>
      </div>
      <div className="fault-count muted" data-testid="fault-count">
        {tickedCount} ticked · {visible.length === faults.length ? `${faults.length} faults` : `${visible.length} of ${faults.length} shown`}
      </div>
      {visible.length === 0 ? (
        <div className="empty-state">
          <div className="empty-title">No fault matches</div>
          <div className="empty-hint">{pinned ? 'Nothing ticked matches the search.' : 'Try a close code (1013) or a word of the description.'}</div>
        </div>
      ) : (
        <ul className="fault-list" data-testid="fault-list">
          {visible.map((fault) => {
            const form = tickedByBase.get(fault.id)
            return (
              <FaultRow
                key={fault.id}
                fault={fault}
                ticked={form !== undefined}
                parameterised={form !== undefined && form !== fault.id ? form : null}
                applies={faultApplies(fault, generation)}
                generation={generation}
                onToggle={toggle}
              />
            )
          })}
        </ul>
      )}
    </div>
  )
}
