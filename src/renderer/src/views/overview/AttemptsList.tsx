import { describeCloseCode } from '../../../../shared/close-codes/close-code-catalog'
import type { AttemptView } from '../../../../shared/session-model'
import { formatMs } from '../../lib/format'
import { FrameLink } from './EvidenceList'

function handshakeText(attempt: AttemptView): string {
  const handshake = attempt.handshake
  if (!handshake) return 'no upgrade response yet'
  if (handshake.status === null) return `no HTTP response${handshake.error ? ` (${handshake.error})` : ''}`
  return `${handshake.status}${handshake.statusText ? ` ${handshake.statusText}` : ''} in ${formatMs(handshake.ms)}`
}

/** Every connection attempt of a session that retried: attempt n of m, its handshake, close and errors. */
export function AttemptsList({ attempts }: { attempts: readonly AttemptView[] }) {
  const of = attempts[attempts.length - 1]?.of ?? attempts.length
  return (
    <section className="overview-section" aria-label="Attempts" data-testid="attempts">
      <h3 className="section-title">
        Attempts <span className="section-count">{`${attempts.length} of ${of} made · each one's evidence kept`}</span>
      </h3>
      <ol className="attempt-list">
        {attempts.map((attempt) => (
          <li key={attempt.firstSeq} className="attempt" data-testid="attempt" data-attempt={attempt.attempt}>
            <div className="attempt-head">
              <span className="attempt-number">
                Attempt {attempt.attempt} of {attempt.of}
              </span>
              <FrameLink seq={attempt.firstSeq} />
            </div>
            <dl className="kv attempt-kv">
              <dt>Handshake</dt>
              <dd>
                <span className={`status-pill ${attempt.handshake?.ok ? 'ok' : 'bad'}`} data-testid="attempt-handshake">
                  {handshakeText(attempt)}
                </span>
              </dd>
              <dt>Close</dt>
              <dd data-testid="attempt-close">
                {attempt.close ? (
                  <>
                    <span className="mono">{attempt.close.code}</span> {describeCloseCode(attempt.close.code).name}
                    {attempt.close.reason ? <span className="mono muted"> “{attempt.close.reason}”</span> : null}
                  </>
                ) : (
                  <span className="muted">{attempt.handshake?.ok ? 'still open' : '—'}</span>
                )}
              </dd>
              {attempt.errors.length > 0 ? (
                <>
                  <dt>Errors</dt>
                  <dd>
                    <ul className="attempt-errors">
                      {attempt.errors.map((error) => (
                        <li key={error.seq} className="error-text">
                          {error.code ? <span className="mono">{error.code}: </span> : null}
                          {error.message}
                        </li>
                      ))}
                    </ul>
                  </dd>
                </>
              ) : null}
            </dl>
          </li>
        ))}
      </ol>
    </section>
  )
}
