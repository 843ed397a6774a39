import { cutOffLine } from '../../session-model/end-records'
import type { SessionEvidence } from '../session-evidence'
import { RANK, formatMs, ranked, type RankedFinding } from './rule-finding'

/**
 * A finished recording whose last attempt never closed (the app crashed or was killed while
 * recording): the connection's fate is unknown, so the session is never shown as open and
 * healthy. Before the answer arrived it is an error (the user's answer is not in the recording);
 * after it, a warning (what was recorded is sound, the end is missing). No server component is
 * blamed: the gap is in the recording, so the finding is the client's.
 */
export function cutOffRules(evidence: SessionEvidence): RankedFinding[] {
  const cutOff = evidence.cutOff
  if (!cutOff) return []
  const line = cutOffLine(cutOff, formatMs)
  const answer = evidence.answer
  const beforeAnswer = answer.kind === 'cut-off' && answer.recordingEnded === true
  return [
    ranked(RANK.reported, {
      component: 'client',
      severity: beforeAnswer ? 'error' : 'warning',
      confidence: 'certain',
      code: 'client.recording-cut-off',
      title: line[0].toUpperCase() + line.slice(1),
      explanation: `The recording stops at record ${cutOff.seq} while the connection was ${evidence.model.state === 'open' ? 'open' : 'still connecting'}: no close was recorded, so how the connection ended is unknown (the recorder was most likely stopped by a crash or a kill).${beforeAnswer ? ' The answer to the last message is not in the recording.' : ''}`,
      evidence: [
        { label: 'last record', value: `#${cutOff.seq} at t=${formatMs(cutOff.t)}`, seq: cutOff.seq },
        ...(cutOff.wallClock === null ? [] : [{ label: 'ends at', value: new Date(cutOff.wallClock).toISOString() }])
      ],
      nextSteps: [
        'Reproduce the session live (or with netra-diag probe) to see how the connection ends.',
        'If the app crashed, its log around this time says why.'
      ]
    })
  ]
}
