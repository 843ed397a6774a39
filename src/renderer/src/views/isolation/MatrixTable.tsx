import type { IsolationRunResponse } from '../../../../shared/api/isolation-schemas'
import type { SelectedCell } from './LeakDetail'

/** From this many users on, the matrix is drawn compact so 20 (and up to 50 by scrolling) fit the drawer. */
const COMPACT_FROM = 12

function cellTitle(result: IsolationRunResponse, receiver: number, owner: number | null, count: number): string {
  const who = result.participants[receiver].label
  const whose = owner === null ? 'no user of this check' : result.participants[owner].label
  return `${who} received ${count} event${count === 1 ? '' : 's'} of ${whose}`
}

/**
 * Sessions × sessions: row = the user who received, column = the user the events belong to;
 * the last column counts events that belong to no user of the check. Non-zero cells are buttons.
 */
export function MatrixTable({ result, selected, onSelect }: { result: IsolationRunResponse; selected: SelectedCell | null; onSelect: (cell: SelectedCell) => void }) {
  const { participants, matrix, unowned } = result
  // Past a dozen users the full-size grid overflows the drawer: smaller cells, event counts in the row's tooltip.
  const compact = participants.length > COMPACT_FROM
  const cell = (receiver: number, owner: number | null, count: number) => {
    const key = owner === null ? 'none' : String(owner)
    if (owner === receiver) return <td key={key} className="matrix-cell matrix-self" aria-label="same user" />
    const active = selected?.receiver === receiver && selected.owner === owner
    return (
      <td key={key} className={`matrix-cell${count ? ' matrix-leak' : ''}${active ? ' active' : ''}`}>
        {count ? (
          <button type="button" className="matrix-button mono" data-testid={`matrix-cell-${receiver}-${key}`} title={cellTitle(result, receiver, owner, count)} onClick={() => onSelect({ receiver, owner })}>
            {count}
          </button>
        ) : (
          <span className="matrix-zero" data-testid={`matrix-cell-${receiver}-${key}`}>
            ·
          </span>
        )}
      </td>
    )
  }
  return (
    <div className="matrix-scroll">
      <table className={`isolation-matrix${compact ? ' compact' : ''}`} data-testid="isolation-matrix">
        <caption className="muted">rows received · columns own</caption>
        <thead>
          <tr>
            <th scope="col" />
            {participants.map((participant, index) => (
              <th key={participant.sessionId} scope="col" className="mono" title={`${participant.label} · ${participant.sessionId}`}>
                {index + 1}
              </th>
            ))}
            <th scope="col" title="owned by no user of this check">
              ?
            </th>
          </tr>
        </thead>
        <tbody>
          {participants.map((participant, receiver) => (
            <tr key={participant.sessionId}>
              <th scope="row" className="matrix-row-head" title={`${participant.sessionId} · ${participant.events} events`}>
                <span className="mono">{receiver + 1}</span> {participant.label}
                {compact ? null : <span className="muted mono"> · {participant.events} events</span>}
              </th>
              {matrix[receiver].map((count, owner) => cell(receiver, owner, count))}
              {cell(receiver, null, unowned[receiver])}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
