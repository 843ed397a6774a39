/** Full-page explanation shown when the page has no way to reach its backend. */
export function MissingTokenPage({ reason }: { reason: string }) {
  return (
    <div className="fatal-page" data-testid="missing-token">
      <div className="fatal-card">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Netra Diagnostics
        </div>
        <h1>Open the link printed by the app</h1>
        <p className="fatal-reason">{reason}</p>
        <p>
          The local host only answers pages that carry its per-launch token, so that no other web page in your
          browser can drive it. Open the full URL printed by <code>npm start</code> or{' '}
          <code>netra-diag serve</code> — it looks like <code>http://127.0.0.1:PORT/?token=…</code>.
        </p>
      </div>
    </div>
  )
}
