import { useState, type FormEvent } from 'react'
import { useAppStore } from '../../stores/use-app-store'

/**
 * Faults the checklist cannot express: a parameterised form (`slow-llm:8000`) or an id the catalog
 * does not list (typed here, or set from the CLI). The sandbox checks every id on Apply.
 */
export function FaultByIdField({ unlisted }: { unlisted: readonly string[] }) {
  const add = useAppStore((state) => state.addSandboxFault)
  const toggle = useAppStore((state) => state.toggleSandboxFault)
  const [text, setText] = useState('')

  const submit = (event: FormEvent): void => {
    event.preventDefault()
    if (!text.trim()) return
    add(text)
    setText('')
  }

  return (
    <div className="fault-by-id">
      {unlisted.length > 0 ? (
        <div className="chips" data-testid="unlisted-faults">
          {unlisted.map((id) => (
            <span key={id} className="chip chip-removable mono" title="Not in the catalog: the sandbox decides on Apply">
              {id}
              <button type="button" className="chip-remove" aria-label={`Remove ${id}`} onClick={() => toggle(id)}>
                ×
              </button>
            </span>
          ))}
        </div>
      ) : null}
      <form className="fault-by-id-form" onSubmit={submit}>
        <input
          className="input mono"
          placeholder="fault id, e.g. slow-llm:8000"
          aria-label="Add a fault by id"
          data-testid="fault-id-input"
          spellCheck={false}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit" className="btn" data-testid="fault-id-add" disabled={!text.trim()}>
          Add
        </button>
      </form>
    </div>
  )
}
