import { useId } from 'react'
import type { CatalogEntry } from '../../../../shared/api/contract'

/** A catalog choice (generation, triage order): a select, and the chosen entry's description under it. */
export function ChoiceField({
  label,
  entries,
  value,
  activeValue,
  onChange,
  testId
}: {
  label: string
  entries: readonly CatalogEntry[]
  value: string
  /** What the sandbox runs with now; marked in the list so a pending change is visible. */
  activeValue: string | undefined
  onChange: (id: string) => void
  testId: string
}) {
  const id = useId()
  const chosen = entries.find((entry) => entry.id === value)
  return (
    <div className="choice-field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="select choice-select" data-testid={testId} value={value} onChange={(event) => onChange(event.target.value)}>
        {/* A value the catalog does not know (set from the CLI, or a newer backend) still shows. */}
        {chosen ? null : <option value={value}>{value}</option>}
        {entries.map((entry) => (
          <option key={entry.id} value={entry.id}>
            {entry.title}
            {entry.id === activeValue ? ' — active' : ''}
          </option>
        ))}
      </select>
      <p className="choice-description" data-testid={`${testId}-description`}>
        {chosen ? chosen.description : 'Not in the sandbox catalog.'}
      </p>
    </div>
  )
}
