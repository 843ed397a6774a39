import { useAppStore } from '../../stores/use-app-store'
import './isolation-matrix.css'

/** The top bar's way into the isolation check; a red dot while the last check found a leak. */
export function IsolationButton() {
  const open = useAppStore((state) => state.drawer === 'isolation')
  const toggle = useAppStore((state) => state.toggleDrawer)
  const leaked = useAppStore((state) => (state.isolationResult?.leaks.length ?? 0) > 0)
  return (
    <button
      type="button"
      className={`btn btn-small${open ? ' active' : ''}`}
      data-testid="open-isolation"
      aria-haspopup="dialog"
      aria-expanded={open}
      title="Run N concurrent users and check that no event reaches the wrong one"
      onClick={() => toggle('isolation')}
    >
      {leaked ? <span className="attention-dot bad isolation-dot" title="the last check found a leak" /> : null}
      Isolation
    </button>
  )
}
