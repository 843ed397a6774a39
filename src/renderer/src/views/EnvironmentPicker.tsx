import { KindBadge } from '../components/KindBadge'
import { useAppStore } from '../stores/use-app-store'
import { SandboxSummary } from './sandbox/SandboxSummary'

/** Which environment the next session connects to; for the sandbox, also what it is set up to do. */
export function EnvironmentPicker() {
  const environments = useAppStore((state) => state.environments)
  const selectedId = useAppStore((state) => state.selectedEnvironmentId)
  const selectEnvironment = useAppStore((state) => state.selectEnvironment)
  const selected = environments.find((env) => env.id === selectedId)

  return (
    <div className="env-picker">
      <select
        id="env-select"
        className="select env-select"
        data-testid="env-select"
        aria-label="Environment"
        value={selectedId ?? ''}
        disabled={environments.length === 0}
        onChange={(event) => selectEnvironment(event.target.value)}
      >
        {environments.length === 0 ? <option value="">loading…</option> : null}
        {environments.map((env) => (
          <option key={env.id} value={env.id}>
            {env.name}
          </option>
        ))}
      </select>
      {selected ? <KindBadge kind={selected.kind} /> : null}
      {selected?.kind === 'sandbox' ? <SandboxSummary /> : null}
      <span className="env-url mono" data-testid="env-url" title={selected?.wsUrl ?? undefined}>
        {selected ? (selected.wsUrl ?? (selected.kind === 'sandbox' ? 'embedded sandbox' : 'no URL configured')) : ''}
      </span>
    </div>
  )
}
