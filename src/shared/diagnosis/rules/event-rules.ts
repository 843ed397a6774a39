import { componentOfErrorEvent, decisiveEvent, isExplainingError } from '../../close-codes/interpret-close'
import type { MessageRecord } from '../../api/frame-record'
import { COMPONENT_LABELS } from '../components'
import type { Evidence } from '../diagnosis-types'
import type { InboundEvent, SessionEvidence } from '../session-evidence'
import { failingHealthComponents } from './health-correlation'
import { RANK, ranked, type RankedFinding } from './rule-finding'
import { softenIfRecovered } from './transient-attempts'

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null
}

function eventEvidence(entry: InboundEvent, label = entry.event.type): Evidence {
  return { label, value: JSON.stringify(entry.event.raw).slice(0, 300), seq: entry.seq }
}

function errorMessageFinding(entry: InboundEvent, evidence: SessionEvidence): RankedFinding {
  const data = entry.event.data
  const code = str(data.error_code) ?? 'UNKNOWN'
  const message = str(data.error_message) ?? '(no message)'
  const proof = [eventEvidence(entry, `error_message ${code}`)]
  const suggestions = Array.isArray(data.recovery_suggestions)
    ? data.recovery_suggestions.filter((item): item is string => typeof item === 'string')
    : []
  switch (code) {
    case 'AUTH_FAILED':
      return ranked(RANK.reported, {
        component: 'auth',
        severity: 'error',
        confidence: 'certain',
        code: 'auth.auth-failed-event',
        title: 'The server reported an authentication failure',
        explanation: `error_message AUTH_FAILED: "${message}".`,
        evidence: proof,
        nextSteps: [...suggestions, 'Check the token claims and get a fresh token.']
      })
    case 'SERVICE_INIT_FAILED': {
      const named = componentOfErrorEvent(entry.event)
      const component = named?.component ?? failingHealthComponents(evidence)[0]?.component ?? 'server'
      return ranked(named ? RANK.reported : RANK.inferred, {
        component,
        severity: 'error',
        confidence: named ? 'certain' : 'likely',
        code: `${component}.service-init-failed`,
        title: `A service failed to initialise${named ? `: ${named.name}` : ''}`,
        explanation: `error_message SERVICE_INIT_FAILED: "${message}".${named ? '' : component === 'server' ? ' No component was named and the health endpoints show none failing.' : ` The event names no component; the health endpoints show ${COMPONENT_LABELS[component]} failing.`}`,
        evidence: proof,
        nextSteps: [...suggestions, `Check ${COMPONENT_LABELS[component]} in the backend.`]
      })
    }
    case 'JSON_PARSE_ERROR':
      return ranked(RANK.reported, {
        component: 'client',
        severity: 'warning',
        confidence: 'certain',
        code: 'client.invalid-json-sent',
        title: 'The server could not parse a message we sent',
        explanation: `error_message JSON_PARSE_ERROR: "${message}".`,
        evidence: proof,
        nextSteps: ['Send JSON objects with a "type" field (check the composer\'s raw mode).']
      })
    case 'CONNECTION_ERROR':
      return ranked(RANK.reported, {
        component: 'websocket-manager',
        severity: 'error',
        confidence: 'certain',
        code: 'websocket-manager.connection-error',
        title: 'The server reported a connection error',
        explanation: `error_message CONNECTION_ERROR: "${message}".`,
        evidence: proof,
        nextSteps: [...suggestions, 'Reconnect; check the WebSocket manager logs if it repeats.']
      })
    default: {
      const named = componentOfErrorEvent(entry.event)
      const component = named?.component ?? 'server'
      return ranked(RANK.reported, {
        component,
        severity: 'warning',
        confidence: named ? 'certain' : 'likely',
        code: `${component}.error-message`,
        title: `The server reported ${code}`,
        explanation: `error_message ${code}: "${message}".`,
        evidence: proof,
        nextSteps: suggestions.length ? suggestions : ['Check the backend logs for this error code.']
      })
    }
  }
}

function judgeEvent(entry: InboundEvent, evidence: SessionEvidence): RankedFinding | null {
  const { event } = entry
  const data = event.data
  if (event.envelope === 'error') return errorMessageFinding(entry, evidence)
  if (event.envelope === 'legacy-error') {
    const named = componentOfErrorEvent(event)
    const component = named?.component ?? 'server'
    const rootCause = str(data.root_cause)
    return ranked(RANK.reported, {
      component,
      severity: 'error',
      confidence: named ? 'certain' : 'likely',
      code: `${component}.component-failure`,
      title: `${named?.name ?? 'A backend component'} reported a failure`,
      explanation: `${str(data.message) ?? 'No message.'}${rootCause ? ` Root cause: ${rootCause}.` : ''}`,
      evidence: [eventEvidence(entry, 'error event')],
      nextSteps: [`Check ${COMPONENT_LABELS[component]} in the backend.`]
    })
  }
  switch (event.type) {
    case 'authentication_error':
      return ranked(RANK.reported, {
        component: 'auth',
        severity: 'error',
        confidence: 'certain',
        code: 'auth.authentication-error',
        title: 'The server reported an authentication error',
        explanation: `${str(data.error) ?? 'No detail.'}${data.retry_allowed === false ? ' Retrying with the same token is not allowed.' : ''}`,
        evidence: [eventEvidence(entry)],
        nextSteps: ['Get a fresh token and reconnect.']
      })
    case 'error':
      // The raw `{"type":"error","message"}` answers a request the server would not take.
      return ranked(RANK.reported, {
        component: 'client',
        severity: 'warning',
        confidence: 'certain',
        code: 'client.request-rejected',
        title: 'The server rejected a request',
        explanation: `"${str((event.raw as Record<string, unknown>).message) ?? str(data.message) ?? 'no message'}".`,
        evidence: [eventEvidence(entry)],
        nextSteps: ['Check the message the client sent just before.']
      })
    case 'agent_error':
      return ranked(RANK.reported, {
        component: 'agent-supervisor',
        severity: 'error',
        confidence: 'certain',
        code: 'agent-supervisor.agent-error',
        title: `Agent ${event.agentName ?? '?'} failed`,
        explanation: `agent_error: ${str(data.error_message) ?? 'no message'}.`,
        evidence: [eventEvidence(entry)],
        nextSteps: ['Retry the request; check the agent logs for this run id.']
      })
    case 'agent_death':
      return ranked(RANK.reported, {
        component: 'agent-supervisor',
        severity: 'error',
        confidence: 'certain',
        code: 'agent-supervisor.agent-death',
        title: `Agent ${event.agentName ?? '?'} died mid-run`,
        explanation: `agent_death: ${str(data.death_cause) ?? 'no cause given'}.${str(data.recovery_action) ? ` Suggested recovery: ${str(data.recovery_action)}.` : ''} The run cannot complete.`,
        evidence: [eventEvidence(entry)],
        nextSteps: [
          'Retry the request.',
          'If agents keep dying, check the agent workers (memory limits, exit codes).'
        ]
      })
    case 'agent_timeout_failure':
      return ranked(RANK.reported, {
        component: 'llm',
        severity: 'error',
        confidence: 'certain',
        code: 'llm.agent-timeout',
        title: `Agent ${event.agentName ?? '?'} timed out`,
        explanation: `agent_timeout_failure: ${str(data.message) ?? 'no message'}.`,
        evidence: [eventEvidence(entry)],
        nextSteps: ['Check the LLM provider latency and quotas; retry.']
      })
    case 'agent_timeout_warning':
      return ranked(RANK.quality, {
        component: 'llm',
        severity: 'warning',
        confidence: 'certain',
        code: 'llm.slow-step',
        title: `Agent ${event.agentName ?? '?'} is slower than expected`,
        explanation: `agent_timeout_warning: ${str(data.message) ?? 'no message'}.`,
        evidence: [eventEvidence(entry)],
        nextSteps: ['Check the LLM provider latency.']
      })
  }
  return null
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

function unreadableFinding(record: MessageRecord): RankedFinding {
  const evidence = [
    {
      label: record.encoding === 'base64' ? 'binary frame' : 'frame text',
      value: record.data.slice(0, 200),
      seq: record.seq
    }
  ]
  if (record.encoding === 'base64')
    return ranked(RANK.quality, {
      component: 'server',
      severity: 'warning',
      confidence: 'certain',
      code: 'server.unexpected-binary',
      title: 'The server sent a binary frame',
      explanation: 'The Netra protocol is JSON text; a binary frame cannot be read as an event.',
      evidence,
      nextSteps: ['Check what component emits binary frames.']
    })
  // A truncated agent event means the event stream itself is damaged, not the pipeline.
  const agentEvent = /"(?:type|event)"\s*:\s*"(?:agent_|tool_)|"run_id"/.test(record.data)
  return ranked(RANK.quality, {
    component: agentEvent ? 'agent-bridge' : 'server',
    severity: 'warning',
    confidence: 'likely',
    code: agentEvent ? 'agent-bridge.malformed-frame' : 'server.malformed-frame',
    title: agentEvent ? 'An agent event arrived as malformed JSON' : 'The server sent a malformed frame',
    explanation: `A text frame of ${record.size} bytes is ${isJson(record.data) ? 'JSON but not an object' : 'not valid JSON'}${agentEvent ? '; it looks like a truncated agent event, so that event was lost' : ''}. It is kept verbatim and flagged.`,
    evidence,
    nextSteps: ["Check the server's event serialisation (the agent WebSocket bridge) for this run."]
  })
}

/**
 * Event rules: what the server said went wrong — `error_message` codes, `authentication_error`,
 * legacy component error events, agent errors, deaths and timeouts — and frames it sent that
 * cannot be read. An error event that a close explains is left to the close rules.
 */
export function eventRules(evidence: SessionEvidence): RankedFinding[] {
  return evidence.attempts.flatMap((attempt) => {
    const close = attempt.view.close
    const explained = new Set<number>()
    if (close) {
      const before = attempt.events.filter((entry) => entry.seq < close.seq)
      const decisive = decisiveEvent(before.map((entry) => entry.event))
      if (close.initiator !== 'client' && isExplainingError(decisive)) {
        const entry = before.find((candidate) => candidate.event === decisive)
        if (entry) explained.add(entry.seq)
      }
    }
    const findings: RankedFinding[] = []
    for (const entry of attempt.events) {
      if (explained.has(entry.seq)) continue
      const finding = judgeEvent(entry, evidence)
      if (finding) findings.push(finding)
    }
    for (const record of attempt.unreadable) findings.push(unreadableFinding(record))
    return softenIfRecovered(findings, attempt, evidence)
  })
}
