import { memo } from 'react'
import type { CatalogEntry } from '../../../../shared/api/contract'

/** One fault of the checklist: tick box, title, id, what a client observes, and where it applies. */
export const FaultRow = memo(function FaultRow({
  fault,
  ticked,
  parameterised,
  applies,
  generation,
  onToggle
}: {
  fault: CatalogEntry
  ticked: boolean
  /** The ticked form when it carries a parameter (`slow-llm:8000`). */
  parameterised: string | null
  /** False when the fault is restricted to other generations than the chosen one. */
  applies: boolean
  generation: string
  onToggle: (id: string) => void
}) {
  return (
    <li>
      <label
        className={`fault-row${ticked ? ' ticked' : ''}${applies ? '' : ' not-applicable'}`}
        data-testid="fault-option"
        data-fault={fault.id}
        data-applies={applies}
      >
        <input type="checkbox" className="fault-check" checked={ticked} onChange={() => onToggle(fault.id)} />
        <span className="fault-text">
          <span className="fault-heading">
            <span className="fault-title">{fault.title}</span>
            <span className="fault-id mono">{parameterised ?? fault.id}</span>
          </span>
          <span className="fault-description">{fault.description}</span>
          {fault.generations ? (
            <span className="fault-tags">
              <span className="tag" title="Generations this fault is written for">
                {fault.generations.join(', ')} only
              </span>
              {applies ? null : (
                <span
                  className="tag tag-warn"
                  data-testid="fault-not-applicable"
                  title={`Written for ${fault.generations.join(', ')}; under ${generation} it behaves as the description says for other generations.`}
                >
                  ⚠ does not apply to {generation}
                </span>
              )}
            </span>
          ) : null}
        </span>
      </label>
    </li>
  )
})
