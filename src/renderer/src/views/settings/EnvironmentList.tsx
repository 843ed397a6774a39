import { useShallow } from 'zustand/react/shallow'
import type { Environment } from '../../../../shared/api/contract'
import { KindBadge } from '../../components/KindBadge'
import { NEW_ENVIRONMENT } from '../../stores/environment-editor-draft'
import { useAppStore } from '../../stores/use-app-store'

function EnvironmentItem({
  environment,
  current,
  dirty
}: {
  environment: Environment
  current: boolean
  dirty: boolean
}) {
  const edit = useAppStore((state) => state.editEnvironment)
  return (
    <li>
      <button
        type="button"
        className={`env-item${current ? ' current' : ''}`}
        aria-current={current ? 'true' : undefined}
        data-testid="env-item"
        data-env-id={environment.id}
        onClick={() => edit(environment.id)}
      >
        <span className="env-item-name ellipsis" title={environment.name}>
          {environment.name}
        </span>
        <span className="env-item-tags">
          {dirty ? (
            <span className="attention-dot" title="Unsaved changes" data-testid="env-item-dirty" />
          ) : null}
          {environment.customized ? (
            <span
              className="tag"
              title="A built-in whose settings you changed; Reset restores them"
              data-testid="env-item-customized"
            >
              edited
            </span>
          ) : null}
          <KindBadge kind={environment.kind} />
        </span>
      </button>
    </li>
  )
}

/** The panel's left column: built-ins, then custom environments, and the way to add one. */
export function EnvironmentList() {
  const environments = useAppStore((state) => state.environments)
  const currentId = useAppStore((state) => state.envEditorId)
  const dirtyIds = useAppStore(useShallow((state) => Object.keys(state.envDrafts)))
  const startNew = useAppStore((state) => state.startNewEnvironment)
  const builtIns = environments.filter((env) => env.builtIn)
  const custom = environments.filter((env) => !env.builtIn)
  const item = (environment: Environment) => (
    <EnvironmentItem
      key={environment.id}
      environment={environment}
      current={environment.id === currentId}
      dirty={dirtyIds.includes(environment.id)}
    />
  )

  return (
    <nav className="env-list" aria-label="Environments">
      <button
        type="button"
        className={`btn env-add${currentId === NEW_ENVIRONMENT ? ' active' : ''}`}
        data-testid="env-add"
        onClick={startNew}
      >
        + Add environment
      </button>
      <h3 className="field-label env-list-heading">Built in</h3>
      <ul className="env-items">{builtIns.map(item)}</ul>
      <h3 className="field-label env-list-heading">Custom</h3>
      {custom.length ? (
        <ul className="env-items">{custom.map(item)}</ul>
      ) : (
        <p className="env-list-empty muted">None yet. Paste a server’s URL to add one.</p>
      )}
    </nav>
  )
}
