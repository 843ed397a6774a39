import { Glyph } from '../../components/Glyph'
import { STATUS_LOOK } from './overview-labels'

/** The Overview before any session: what pressing Connect will show here, and how to read it. */
export function OverviewEmpty() {
  return (
    <div className="overview-empty" data-testid="overview" data-state="none">
      <div className="overview-intro">
        <h2 className="overview-intro-title">Connect to diagnose a session</h2>
        <p className="overview-intro-lead">
          Pick an environment in the bar above and press <strong>Connect</strong>. As the evidence arrives, this page
          shows:
        </p>
        <ul className="overview-intro-list">
          <li>
            <strong>A verdict</strong> — healthy, degraded or failing — and one paragraph: what went wrong, where, and what
            to do next.
          </li>
          <li>
            <strong>Findings</strong>, most severe first, each with its evidence; a <span className="mono">#seq ↗</span>{' '}
            link opens the exact frame.
          </li>
          <li>
            <strong>The health of 16 backend components</strong>, from the health endpoints and what the session saw —
            click one for its evidence.
          </li>
          <li>
            <strong>Preflight checks</strong> (DNS, TCP, TLS, health endpoints), the <strong>token’s claims</strong>, and
            every <strong>retry attempt</strong>.
          </li>
        </ul>
        <div className="overview-legend" aria-label="Health legend">
          {Object.values(STATUS_LOOK).map((look) => (
            <span key={look.text} className="legend-item">
              <Glyph glyph={look.glyph} tone={look.tone} size="sm" /> {look.text}
            </span>
          ))}
        </div>
      </div>
    </div>
  )
}
