import { useEffect, useRef, type ReactNode } from 'react'

/**
 * A panel that slides over the right of the workspace, not modal: the session stays visible
 * and live beside it. Escape or × closes it; it takes focus on open so the keyboard lands in it.
 */
export function Drawer({
  title,
  subtitle,
  onClose,
  children,
  footer,
  testId
}: {
  title: ReactNode
  subtitle?: ReactNode
  onClose: () => void
  children: ReactNode
  /** Sticky actions at the bottom (they stay reachable however long the body is). */
  footer?: ReactNode
  testId?: string
}) {
  const ref = useRef<HTMLElement>(null)
  const closeRef = useRef(onClose)
  useEffect(() => {
    closeRef.current = onClose
  }, [onClose])
  useEffect(() => {
    ref.current?.focus()
    // Listen on the window: focus often sits on <body> after a button inside turns disabled.
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape' && !event.defaultPrevented) closeRef.current()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  return (
    <aside
      ref={ref}
      className="drawer"
      role="dialog"
      aria-modal="false"
      aria-label={typeof title === 'string' ? title : undefined}
      tabIndex={-1}
      data-testid={testId}
    >
      <header className="drawer-header">
        <div className="drawer-titles">
          <h2 className="drawer-title">{title}</h2>
          {subtitle ? <div className="drawer-subtitle">{subtitle}</div> : null}
        </div>
        <button type="button" className="icon-button" aria-label="Close panel" data-testid="drawer-close" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="drawer-body">{children}</div>
      {footer ? <footer className="drawer-footer">{footer}</footer> : null}
    </aside>
  )
}
