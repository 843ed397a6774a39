import { useEffect, useState } from 'react'
import { useAppStore } from '../stores/use-app-store'

/** "Host disconnected" strip with a reconnect countdown; absent while the host link is fine. */
export function HostBanner() {
  const status = useAppStore((state) => state.hostStatus)
  const [now, setNow] = useState(() => Date.now())
  const counting = status.state === 'disconnected' && status.retryAt !== null

  useEffect(() => {
    if (!counting) return
    const timer = setInterval(() => setNow(Date.now()), 250)
    return () => clearInterval(timer)
  }, [counting])

  if (status.state === 'open' || (status.state === 'connecting' && status.attempt === 0)) return null
  const seconds = status.retryAt === null ? 0 : Math.max(0, Math.ceil((status.retryAt - now) / 1000))
  const headline = status.everOpened ? 'Host disconnected' : 'Cannot reach the Netra host'
  const detail =
    status.state === 'connecting'
      ? 'reconnecting…'
      : `retrying in ${seconds} s (attempt ${status.attempt}). Records pushed meanwhile are fetched again on reconnect.`
  return (
    <div className="host-banner" role="alert" data-testid="host-banner">
      <strong>{headline}</strong> — {detail}
    </div>
  )
}
