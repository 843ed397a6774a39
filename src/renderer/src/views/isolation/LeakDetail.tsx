import type { IsolationLeakView, IsolationRunResponse } from '../../../../shared/api/isolation-schemas'

/** A cell of the matrix: who received, whose events (null: nobody's of this check). */
export type SelectedCell = { receiver: number; owner: number | null }

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2)
  } catch {
    return text
  }
}

function FrameBox({ heading, frame }: { heading: string; frame: IsolationLeakView['frame'] }) {
  return (
    <figure className="leak-frame">
      <figcaption className="field-label">
        {heading} · <span className="mono">{frame.sessionId}</span> frame #{frame.seq} · {frame.type}
      </figcaption>
      <pre className="leak-frame-body mono">{pretty(frame.data)}</pre>
    </figure>
  )
}

/** The offending frames of one cell: each received frame beside the owner's frame that proves whose it is. */
export function LeakDetail({ result, cell }: { result: IsolationRunResponse; cell: SelectedCell }) {
  const leaks = result.leaks.filter((leak) => leak.receiver === cell.receiver && leak.owner === cell.owner)
  const receiver = result.participants[cell.receiver]
  const owner = cell.owner === null ? null : result.participants[cell.owner]
  return (
    <section className="leak-detail" aria-label="Offending frames" data-testid="leak-detail">
      <h3 className="field-label leak-detail-title">
        {receiver.label} received {leaks.length} event{leaks.length === 1 ? '' : 's'} of {owner ? owner.label : 'no user of this check'}
      </h3>
      {leaks.map((leak) => (
        <div key={`${leak.frame.sessionId}-${leak.frame.seq}`} className="leak-pair" data-testid="leak-pair">
          <p className="leak-why">
            <span className={`leak-confidence ${leak.confidence}`}>{leak.confidence}</span>{' '}
            {leak.reason === 'user' ? `user_id ${leak.userId} is ${owner ? `${owner.label}'s` : 'nobody here'}` : leak.reason === 'unrequested' ? 'answers no request of this session' : `its ${leak.reason} belongs to ${owner?.label ?? 'another session'}`}
            {leak.runId ? <span className="mono muted"> · run {leak.runId}</span> : null}
          </p>
          <FrameBox heading={`received by ${receiver.label}`} frame={leak.frame} />
          {leak.ownerFrame && owner ? <FrameBox heading={`owned by ${owner.label}`} frame={leak.ownerFrame} /> : null}
        </div>
      ))}
    </section>
  )
}
