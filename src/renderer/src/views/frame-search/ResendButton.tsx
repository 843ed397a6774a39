import { useState } from 'react'
import type { FrameRecord } from '../../../../shared/api/frame-record'
import { errorMessage } from '../../stores/app-state'
import { selectActiveModel } from '../../stores/select-active'
import { useAppStore } from '../../stores/use-app-store'

/**
 * "Resend" for a frame we sent: the exact text goes out again, raw, on the open session
 * (through `session.send`), so a request can be replayed without retyping it.
 */
export function ResendButton({ record }: { record: FrameRecord }) {
  const isOpen = useAppStore((state) => selectActiveModel(state)?.state === 'open')
  const send = useAppStore((state) => state.send)
  const notify = useAppStore((state) => state.notify)
  const [sending, setSending] = useState(false)
  if (record.kind !== 'message' || record.dir !== 'out' || record.encoding !== 'utf8') return null
  const resend = async (): Promise<void> => {
    setSending(true)
    try {
      await send(record.data, 'raw')
      notify('info', 'Frame resent', `#${record.seq} went out again`)
    } catch (error) {
      notify('error', 'Could not resend', errorMessage(error))
    } finally {
      setSending(false)
    }
  }
  return (
    <button
      type="button"
      className="btn btn-small"
      data-testid="resend-frame"
      disabled={!isOpen || sending}
      title={isOpen ? 'Send this exact frame again on the open session' : 'The session is not open'}
      onClick={() => void resend()}
    >
      Resend
    </button>
  )
}
