import type { ReactNode } from 'react'

/** A calm one- or two-line explanation of why a region is empty. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <div className="empty-title">{title}</div>
      {children ? <div className="empty-hint">{children}</div> : null}
    </div>
  )
}
