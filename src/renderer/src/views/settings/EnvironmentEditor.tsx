import type { FormEvent } from 'react'
import { KindBadge } from '../../components/KindBadge'
import { useAppStore } from '../../stores/use-app-store'
import { BehaviourFields } from './BehaviourFields'
import { Field } from './Field'
import { PasteUrlField } from './PasteUrlField'
import { UrlFields } from './UrlFields'
import { useEnvironmentDraft } from './use-environment-draft'

/** What the environment is: built in (edited or not) or custom, and its id (the CLI's name for it). */
function Provenance({ edited }: { edited: ReturnType<typeof useEnvironmentDraft> }) {
  const { saved, isNew, draft } = edited
  if (isNew)
    return <span className="muted">New environment — saved to environments.json, shared with the CLI</span>
  if (!saved) return null
  return (
    <>
      <KindBadge kind={draft.kind} />
      <span className="tag">{saved.builtIn ? 'built in' : 'user-defined'}</span>
      {saved.customized ? <span className="tag tag-warn">edited: Reset restores the defaults</span> : null}
      <span className="muted mono" title="The id the CLI uses: netra-diag env edit <id>">
        id {saved.id}
      </span>
    </>
  )
}

/** The form of the environment picked in the list (or a new one); Save sends only what changed. */
export function EnvironmentEditor() {
  const edited = useEnvironmentDraft()
  const change = useAppStore((state) => state.changeEnvironmentDraft)
  const save = useAppStore((state) => state.saveEnvironmentDraft)
  const { id, draft, problems, isNew } = edited

  if (!id || (!isNew && !edited.saved)) {
    return <div className="env-editor-empty muted">Pick an environment on the left, or add one.</div>
  }
  const submit = (event: FormEvent): void => {
    event.preventDefault()
    // Enter in any field saves, as the footer's button would.
    if (edited.dirty && Object.keys(problems).length === 0) void save()
  }

  return (
    <form
      className="env-editor"
      aria-label="Environment settings"
      data-testid="env-editor"
      data-env-id={id}
      onSubmit={submit}
    >
      <div className="env-provenance">
        <Provenance edited={edited} />
      </div>
      <div className="settings-grid">
        {isNew ? <PasteUrlField /> : null}
        <Field wide label="Name" problem={isNew && !draft.name.trim() ? undefined : problems.name}>
          {({ id: inputId, describedBy, invalid }) => (
            <input
              id={inputId}
              className="input"
              data-testid="env-name"
              placeholder="e.g. Customer X staging"
              aria-describedby={describedBy}
              aria-invalid={invalid}
              value={draft.name}
              onChange={(event) => change({ name: event.target.value })}
            />
          )}
        </Field>
        <UrlFields edited={edited} />
        <BehaviourFields edited={edited} />
      </div>
      {/* Lets Enter submit; the visible Save lives in the sticky footer. */}
      <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
    </form>
  )
}
