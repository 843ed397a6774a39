import { useAppStore } from '../stores/use-app-store'

/** Toasts at the bottom right: every error stays until dismissed, so none is lost. */
export function NoticeStack() {
  const notices = useAppStore((state) => state.notices)
  const dismiss = useAppStore((state) => state.dismissNotice)
  if (notices.length === 0) return null
  return (
    <div className="notice-stack" aria-live="polite">
      {notices.map((notice) => (
        <div
          key={notice.id}
          className={`notice notice-${notice.level}`}
          role={notice.level === 'error' ? 'alert' : 'status'}
          data-testid="notice"
        >
          <div className="notice-text">
            <div className="notice-title">
              {notice.title}
              {notice.count > 1 ? <span className="notice-count">×{notice.count}</span> : null}
            </div>
            <div className="notice-message">{notice.message}</div>
          </div>
          <button type="button" className="notice-close" aria-label="Dismiss" onClick={() => dismiss(notice.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  )
}
