import type { ReactNode } from 'react'

/** A titled region of the window; `actions` sit at the right of the title bar. */
export function Panel({
  title,
  actions,
  children,
  className,
  testId
}: {
  title: ReactNode
  actions?: ReactNode
  children: ReactNode
  className?: string
  testId?: string
}) {
  return (
    <section className={`panel${className ? ` ${className}` : ''}`} data-testid={testId}>
      <header className="panel-header">
        <h2 className="panel-title">{title}</h2>
        {actions ? <div className="panel-actions">{actions}</div> : null}
      </header>
      <div className="panel-body">{children}</div>
    </section>
  )
}
