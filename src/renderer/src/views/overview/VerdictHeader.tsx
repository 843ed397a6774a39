import { useAppStore } from '../../stores/use-app-store'
import { selectActiveIsLive } from '../../stores/select-active'
import { COMPONENT_LABELS, waitingLine, type Diagnosis } from '../../../../shared/diagnosis'
import type { SessionModel } from '../../../../shared/session-model'
import { Glyph } from '../../components/Glyph'
import { formatClock } from '../../lib/format'
import { VERDICT_LOOK } from './overview-labels'
import { LIVE_TICK_MS } from './use-session-diagnosis'

/**
 * The summary without its leading verdict word (the badge says it), the component in front
 * in bold, and its "Also:" / "Next:" sentences labelled, so the next step is easy to find.
 */
function Summary({ diagnosis }: { diagnosis: Diagnosis }) {
  const stripped = diagnosis.summary
    .replace(/^Waiting for the answer, [^.]*\.\s*/, '')
    .replace(/^(Failing|Degraded) — /, '')
    .replace(/^Healthy: /, '')
  const body = stripped.charAt(0).toUpperCase() + stripped.slice(1)
  const top = diagnosis.verdict === 'healthy' ? null : diagnosis.findings[0]
  const where = top ? `${COMPONENT_LABELS[top.component]}: ` : null
  const [main, ...rest] = body.split(/ (?=(?:Also|Next): )/)
  const lead = where && main.startsWith(where) ? main.slice(where.length) : main
  return (
    <p className="verdict-summary" data-testid="overview-summary">
      {where && lead !== main ? <strong className="summary-where">{where}</strong> : null}
      {lead}
      {rest.map((part) => {
        const [label, ...words] = part.split(': ')
        return (
          <span key={label} className={`summary-${label.toLowerCase()}`}>
            {' '}
            <strong>{label}:</strong> {words.join(': ')}
          </span>
        )
      })}
    </p>
  )
}

function checkingText(model: SessionModel): string {
  const checks = model.preflight.length
  const failed = model.preflight.filter((record) => !record.ok).length
  if (checks === 0) return 'Gathering evidence before connecting: the preflight checks are running.'
  return `Gathering evidence before connecting: ${checks} preflight check${checks === 1 ? '' : 's'} done${
    failed > 0 ? `, ${failed} failed` : ', no problem found yet'
  }. The upgrade follows.`
}

/** The top of the Overview: the verdict badge, where and when, and the one-paragraph summary. */
export function VerdictHeader({ diagnosis, model }: { diagnosis: Diagnosis; model: SessionModel }) {
  // "Healthy" before the upgrade would be a promise, not a finding: say it is still checking.
  const checking = model.state === 'connecting' && diagnosis.verdict === 'healthy'
  // Healthy while the answer is still awaited would also be a promise: say it is waiting, and for how long.
  const waiting = !checking && diagnosis.verdict === 'healthy' && diagnosis.awaiting !== null
  const verdict = checking ? 'checking' : waiting ? 'waiting' : diagnosis.verdict
  const look = VERDICT_LOOK[verdict]
  const badgeText = waiting && diagnosis.awaiting ? waitingLine(diagnosis.awaiting) : look.text
  // A replay or a recording passes through "open" without a connection behind it: never "live".
  const isLiveSession = useAppStore(selectActiveIsLive)
  const live = isLiveSession && !model.ended && (model.state === 'open' || model.state === 'connecting')
  const start = model.start
  return (
    <header className={`verdict-header verdict-${look.tone}`} data-testid="verdict-header">
      <div className="verdict-line">
        <span className={`verdict-badge verdict-${look.tone}`} data-testid="verdict-badge" data-verdict={verdict}>
          <Glyph glyph={look.glyph} tone={look.tone} size="lg" />
          {badgeText}
        </span>
        {start ? (
          <span className="verdict-meta" title={start.url}>
            {/* Not <KindBadge>: its test id names the top bar's environment, which specs rely on being unique. */}
            <span className={`kind-badge kind-${start.environment.kind}`}>{start.environment.kind}</span>
            <span className="verdict-env ellipsis">{start.environment.name}</span>
            <span className="muted">· {formatClock(start.wallClock)}</span>
          </span>
        ) : null}
        <span className={`verdict-live${live ? ' live' : ''}`} data-testid="verdict-live">
          {live ? (
            <>
              <span className="state-dot state-open" aria-hidden="true" /> live · re-checked every {LIVE_TICK_MS / 1000} s
            </>
          ) : isLiveSession ? (
            'final · session ended'
          ) : (
            'from a recording · not live'
          )}
        </span>
      </div>
      {checking ? (
        <p className="verdict-summary" data-testid="overview-summary">
          {checkingText(model)}
        </p>
      ) : (
        <Summary diagnosis={diagnosis} />
      )}
    </header>
  )
}
