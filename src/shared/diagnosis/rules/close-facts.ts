import type { CloseRecord } from '../../api/frame-record'
import type { CloseInterpretation } from '../../close-codes/interpret-close'
import type { Evidence } from '../diagnosis-types'
import type { AttemptEvidence, SessionEvidence } from '../session-evidence'
import { formatMs } from './rule-finding'
import { attemptLabel } from './transient-attempts'

/** What the close rules know about one close besides its code. */
export type CloseFacts = {
  close: CloseRecord
  interpretation: CloseInterpretation
  sinceHandshake: number | null
  sinceLastFrame: number | null
  sinceLastInbound: number | null
  greeted: boolean
  clientSent: boolean
  runInProgress: boolean
  evidence: SessionEvidence
}

/** Next step shared by most closes. */
export const RECONNECT = 'Reconnect; if it happens again, check the server logs around this time.'
/** Next step for closes whose cause only the server knows. */
export const SERVER_LOGS = 'Check the backend logs for the connection id and time of this close.'

/** Sizes of the messages this client sent before the close (for 1009). */
export function clientSizes(facts: CloseFacts): number[] {
  return facts.evidence.attempts.flatMap((attempt) =>
    attempt.outgoing.filter((message) => message.t <= facts.close.t).map((message) => message.size)
  )
}

/** The raw facts of a close, shown under whatever finding it produced. */
export function closeEvidence(
  facts: Pick<CloseFacts, 'close' | 'interpretation' | 'sinceHandshake' | 'sinceLastFrame' | 'greeted'>,
  attempt: AttemptEvidence
): Evidence[] {
  const { close, interpretation } = facts
  const evidence: Evidence[] = [
    {
      label: `close${attemptLabel(attempt)}`,
      value: `${close.code} ${interpretation.standard.name}${close.reason ? ` "${close.reason}"` : ' (no reason)'}`,
      seq: close.seq
    },
    {
      label: 'closed by',
      value: `${close.initiator}${close.clean ? ', clean' : ', no close frame'}`,
      seq: close.seq
    }
  ]
  if (facts.sinceHandshake !== null)
    evidence.push({ label: 'since handshake', value: formatMs(facts.sinceHandshake), seq: close.seq })
  if (facts.sinceLastFrame !== null)
    evidence.push({ label: 'since last frame', value: formatMs(facts.sinceLastFrame), seq: close.seq })
  evidence.push({ label: 'connection_established', value: facts.greeted ? 'received' : 'never received' })
  if (interpretation.netra)
    evidence.push({
      label: 'Netra meaning',
      value: `${interpretation.netra.meaning}${interpretation.netra.reasonMatch ? ` [${interpretation.netra.reasonMatch}]` : ''}`,
      seq: close.seq
    })
  const event = interpretation.netra?.errorEvent
  const seq = attempt.events.find((entry) => entry.event === event)?.seq
  if (event)
    evidence.push({
      label: 'error event before the close',
      value: JSON.stringify(event.raw).slice(0, 300),
      ...(seq !== undefined ? { seq } : {})
    })
  return evidence
}
