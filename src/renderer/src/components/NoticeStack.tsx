import type { Notice } from '../stores/notices-slice'
import { useAppStore } from '../stores/use-app-store'
import { CopyButton } from './CopyButton'

/** The saved file of a notice: its name or path, "Reveal", and copying when the host cannot reveal it. */
function NoticeFile({ notice }: { notice: Notice & { file: string } }) {
  const reveal = useAppStore((state) => state.revealNoticeFile)
  const notify = useAppStore((state) => state.notify)
  const outcome = notice.reveal
  const path = outcome && (outcome.state === 'revealed' || outcome.state === 'unavailable') ? outcome.path : null
  return (
    <div className="notice-file">
      <code className="notice-path" data-testid="notice-path" title={path ?? notice.file}>
        {path ?? notice.file}
      </code>
      {outcome?.state === 'unavailable' ? (
        <>
          <span className="muted" data-testid="notice-reveal-unavailable">
            {path ? 'No file manager here.' : 'Saved to the browser’s downloads folder.'}
          </span>
          <CopyButton text={path ?? notice.file} label={path ? 'Copy path' : 'Copy name'} onError={(message) => notify('error', 'Could not copy', message)} />
        </>
      ) : outcome?.state === 'failed' ? (
        <span className="error-text">{outcome.message}</span>
      ) : outcome?.state === 'revealed' ? (
        <span className="muted">Shown in the file manager.</span>
      ) : (
        <button
          type="button"
          className="btn btn-small"
          data-testid="notice-reveal"
          disabled={outcome?.state === 'revealing'}
          onClick={() => void reveal(notice.id)}
        >
          Reveal
        </button>
      )}
    </div>
  )
}

/**
 * Notices in a strip along the bottom of the window: it takes its own room (the workspace shrinks a
 * little) rather than lying over a panel. Every error stays until dismissed, so none is lost.
 */
export function NoticeStack() {
  const notices = useAppStore((state) => state.notices)
  const dismiss = useAppStore((state) => state.dismissNotice)
  if (notices.length === 0) return null
  return (
    <div className="notice-stack" aria-live="polite" aria-label="Notices" role="region" data-testid="notice-stack">
      {notices.map((notice) => (
        <div
          key={notice.id}
          className={`notice notice-${notice.level}`}
          role={notice.level === 'error' ? 'alert' : 'status'}
          data-testid="notice"
        >
          <div className="notice-text">
            <span className="notice-title">
              {notice.title}
              {notice.count > 1 ? <span className="notice-count">×{notice.count}</span> : null}
            </span>
            {notice.file ? null : <span className="notice-message">{notice.message}</span>}
            {notice.file ? <NoticeFile notice={{ ...notice, file: notice.file }} /> : null}
          </div>
          <button type="button" className="notice-close" aria-label="Dismiss" onClick={() => dismiss(notice.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  )
}
