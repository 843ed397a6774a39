import { interpretClose } from '../../close-codes/interpret-close'
import { COMPONENT_LABELS, type Component } from '../components'
import type { AttemptEvidence, SessionEvidence } from '../session-evidence'
import { clientFramesBefore, lastFrameBefore, lastInboundBefore, runsInProgressAt } from './attempt-timing'
import { byCode, noCloseFrame } from './close-by-code'
import { decoded } from './close-decoded'
import { RECONNECT, SERVER_LOGS, closeEvidence, type CloseFacts } from './close-facts'
import { failingHealthComponents } from './health-correlation'
import { RANK, concludeWith, type RankedFinding, type RuleConclusion } from './rule-finding'
import { softenIfRecovered } from './transient-attempts'

function componentFailure(facts: CloseFacts, component: Component): RuleConclusion {
  const netra = facts.interpretation.netra
  const name = netra?.serverComponent ?? COMPONENT_LABELS[component]
  const event = netra?.errorEvent
  const rootCause =
    event && typeof event.data.root_cause === 'string'
      ? ` Root cause reported: ${event.data.root_cause}.`
      : ''
  const drop = netra?.via === 'error-event-then-drop'
  return {
    component,
    rank: RANK.reported,
    code: `${component}.component-failure`,
    title: `${name} failed${drop ? ' and the connection dropped' : ` (close ${facts.close.code})`}`,
    explanation:
      `${netra?.meaning ?? ''}${rootCause}${drop ? ' The 1006 is this failure, not a network fault.' : ''}`.trim(),
    nextSteps: [
      `Check ${COMPONENT_LABELS[component]} in the backend (its /ws/health entry and logs).`,
      RECONNECT
    ]
  }
}

/** A generic pipeline failure: its component comes from the error event, else the health endpoints, else nowhere. */
function pipelineFailure(facts: CloseFacts): RuleConclusion {
  const { close, interpretation } = facts
  const netra = interpretation.netra
  const reason = close.reason ? `"${close.reason}"` : 'no reason'
  if (netra?.component) {
    return {
      ...componentFailure(facts, netra.component),
      rank: RANK.reported,
      code: `${netra.component}.pipeline-failure`,
      title: `${netra.serverComponent ?? COMPONENT_LABELS[netra.component]} failed while setting up the connection (${close.code} ${reason})`
    }
  }
  const failing = failingHealthComponents(facts.evidence)
  if (failing.length > 0) {
    const [first] = failing
    return {
      component: first.component,
      rank: RANK.inferred,
      code: `${first.component}.pipeline-failure`,
      title: `Connection failed (${close.code} ${reason}) while ${first.sources[0]}`,
      explanation: `The close reason names no component, but the health endpoints reported ${failing.map((entry) => COMPONENT_LABELS[entry.component]).join(', ')} failing at preflight; that is the most likely cause.`,
      nextSteps: [
        `Restore ${COMPONENT_LABELS[first.component]} (see its health entry), then reconnect.`,
        SERVER_LOGS
      ]
    }
  }
  if (interpretation.netra?.reasonMatch === 'processing-error' && facts.greeted && facts.clientSent) {
    return {
      component: 'message-handler',
      rank: RANK.decoded,
      code: 'message-handler.processing-error',
      title: 'The server failed while handling our message (1011 "Processing error")',
      explanation:
        'The connection was established, the client sent a message, and the server closed with "Processing error": the message handler raised.',
      nextSteps: [
        'Check the backend logs of the message handler for this connection.',
        'Retry with a simpler message to see whether the content triggers it.'
      ]
    }
  }
  if (close.code === 1011 && !close.reason) {
    return {
      component: 'server',
      rank: RANK.inferred,
      code: 'server.unexplained-1011',
      title: 'The server closed with 1011 and gave no reason',
      explanation: `Internal error with an empty reason ${facts.greeted ? 'after' : 'before'} connection_established, no error event before it, and no failing service in the health endpoints: the cause is unknown. The raw evidence is below.`,
      nextSteps: [SERVER_LOGS, 'Run the preflight again and compare /ws/health.', RECONNECT]
    }
  }
  return {
    component: 'server',
    rank: RANK.inferred,
    confidence: 'possible',
    code: 'server.pipeline-failure',
    title: `The server failed the connection (${close.code} ${reason})`,
    explanation: `${netra?.meaning ?? interpretation.standard.meaning} Nothing in the evidence names the component; the cause is unknown.`,
    nextSteps: [SERVER_LOGS, RECONNECT]
  }
}

function judge(facts: CloseFacts): RuleConclusion | null {
  const { close, interpretation } = facts
  const netra = interpretation.netra
  if (close.initiator === 'client') return null
  if (
    netra &&
    (netra.via === 'component-prefix' ||
      netra.via === 'error-event-then-drop' ||
      (netra.via === 'error-event' && netra.reasonMatch?.startsWith('event:'))) &&
    netra.component
  )
    return componentFailure(facts, netra.component)
  if (netra?.reasonMatch === 'services-not-ready' && failingHealthComponents(facts.evidence).length > 0)
    return pipelineFailure({
      ...facts,
      interpretation: { ...interpretation, netra: { ...netra, component: null } }
    })
  if (netra?.via === 'reason-table' && netra.component) return decoded(facts, netra.component)
  if (
    close.code === 1011 ||
    (netra &&
      netra.component === null &&
      netra.reasonMatch !== 'mode-cleanup' &&
      netra.reasonMatch !== 'normal')
  )
    return pipelineFailure(facts)
  if (close.code === 1006 || close.code === 1005) return noCloseFrame(facts)
  return byCode(facts)
}

function judgeAttempt(attempt: AttemptEvidence, evidence: SessionEvidence): RankedFinding[] {
  const close = attempt.view.close
  // A refused upgrade's close is the refusal's consequence; the handshake rules judge it.
  if (
    !close ||
    (attempt.view.handshake && !attempt.view.handshake.ok) ||
    (!attempt.view.handshake && attempt.view.errors.length > 0)
  )
    return []
  const preceding = attempt.events.filter((entry) => entry.seq < close.seq).map((entry) => entry.event)
  const handshakeT = attempt.view.handshake?.t ?? null
  const lastFrame = lastFrameBefore(attempt, close.t)
  const lastInbound = lastInboundBefore(attempt, close.t)
  const facts: CloseFacts = {
    close,
    interpretation: interpretClose(close, preceding),
    sinceHandshake: handshakeT === null ? null : close.t - handshakeT,
    sinceLastFrame: lastFrame === null ? null : close.t - lastFrame,
    sinceLastInbound: lastInbound === null ? null : close.t - lastInbound,
    greeted: attempt.greeting !== null && attempt.greeting.seq < close.seq,
    clientSent: clientFramesBefore(attempt, close.seq).length > 0,
    runInProgress: runsInProgressAt(evidence, close.t).length > 0,
    evidence
  }
  const judged = judge(facts)
  if (!judged) return []
  return softenIfRecovered(
    [
      concludeWith(judged, closeEvidence(facts, attempt))
    ],
    attempt,
    evidence
  )
}

/**
 * Close rules: every accepted attempt's close, read through the Netra reason table and
 * legacy component codes, the error event before it, the health endpoints, and timing
 * (a round stretch of silence before a frameless end is a proxy's idle timeout).
 */
export function closeRules(evidence: SessionEvidence): RankedFinding[] {
  return evidence.attempts.flatMap((attempt) => judgeAttempt(attempt, evidence))
}
