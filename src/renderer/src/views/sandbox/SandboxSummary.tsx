import { useAppStore } from '../../stores/use-app-store'

/** How many fault chips the top bar shows before folding the rest into "+N". */
const MAX_FAULT_CHIPS = 2

/**
 * The sandbox's active generation and faults as chips beside the SANDBOX badge, and the button
 * that opens its panel: whoever connects sees at a glance that faults are injected.
 */
export function SandboxSummary() {
  const status = useAppStore((state) => state.sandboxStatus)
  const open = useAppStore((state) => state.drawer === 'sandbox')
  const hasError = useAppStore((state) => state.sandboxError !== null)
  const dirty = useAppStore((state) => state.sandboxDraft !== null)
  const toggle = useAppStore((state) => state.toggleDrawer)

  const faults = status?.faults ?? []
  const shown = faults.slice(0, MAX_FAULT_CHIPS)
  const folded = faults.length - shown.length
  const summary = status
    ? `generation ${status.generation} · triage ${status.triage} · ${faults.length ? `faults: ${faults.join(', ')}` : 'no faults'}`
    : 'loading…'

  return (
    <div className="sandbox-summary" data-testid="sandbox-chips" data-faults={faults.join(' ')} title={`Sandbox: ${summary}`}>
      <span className="sandbox-chips">
        {status ? (
          <span className="chip chip-generation mono" data-testid="sandbox-generation-chip">
            {status.generation}
          </span>
        ) : null}
        {shown.map((fault) => (
          <span key={fault} className="chip chip-fault mono" data-testid="sandbox-fault-chip">
            ⚠ {fault}
          </span>
        ))}
        {folded > 0 ? <span className="chip chip-fault chip-more">+{folded}</span> : null}
      </span>
      <button
        type="button"
        className={`btn btn-small sandbox-button${open ? ' active' : ''}`}
        data-testid="sandbox-button"
        aria-expanded={open}
        aria-haspopup="dialog"
        onClick={() => toggle('sandbox')}
      >
        {hasError ? (
          <span className="attention-dot bad" title="The last apply was refused" />
        ) : dirty ? (
          <span className="attention-dot" title="Unsaved sandbox changes" />
        ) : null}
        Sandbox ▾
      </button>
    </div>
  )
}
