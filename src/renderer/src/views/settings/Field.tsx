import { useId, type ReactNode } from 'react'

/**
 * A labelled form control with its problem or hint underneath. The control is rendered by
 * `children` with the ids to wire up, so the label and the message stay tied to it for screen
 * readers and tests.
 */
export function Field({
  label,
  problem,
  hint,
  wide,
  children
}: {
  label: ReactNode
  /** Shown in red instead of the hint; the control is marked invalid. */
  problem?: string | null
  hint?: ReactNode
  /** Span the whole row of the form grid. */
  wide?: boolean
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode
}) {
  const id = useId()
  const messageId = `${id}-message`
  const message = problem ?? hint
  return (
    <div className={`settings-field${wide ? ' wide' : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children({ id, describedBy: message ? messageId : undefined, invalid: Boolean(problem) })}
      {message ? (
        <div
          id={messageId}
          className={problem ? 'field-problem' : 'field-hint'}
          data-testid={problem ? 'field-problem' : undefined}
        >
          {message}
        </div>
      ) : null}
    </div>
  )
}
