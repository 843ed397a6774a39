import type { Finding } from '../diagnosis-types'
import type { InboundEvent, SessionEvidence } from '../session-evidence'
import { ranked, RANK, type RankedFinding } from './rule-finding'

/** The server generations the protocol knows (PROTOCOL.md preamble and §5). */
const GENERATIONS = ['beta-10', 'component-codes', 'beta-17', 'handshake'] as const

/** A wire trait that rules some generations out, with the event that showed it. */
type Clue = { excludes: ReadonlyArray<string>; looksLike: string; what: string; event: InboundEvent }

const AGENT_EVENTS = new Set(['agent_started', 'agent_thinking', 'tool_executing', 'tool_completed', 'agent_completed'])

/**
 * What the wire says about the server's generation. Only certain traits count: a stream of
 * agent events all wrapped is beta-10's; `handshake_response` is the newest server's; a legacy component
 * error event is the component-codes generation's; agent events all flat rule beta-10 out. A
 * healthy beta-17 and component-codes server look alike, so nothing separates those two.
 */
function clues(evidence: SessionEvidence): Clue[] {
  const found: Clue[] = []
  const first = (test: (event: InboundEvent) => boolean): InboundEvent | undefined => evidence.events.find(test)
  // One server mixes envelope shapes (PROTOCOL.md §3): only a stream of agent events all in one
  // shape says anything about the generation.
  const agentEvents = evidence.events.filter((e) => AGENT_EVENTS.has(e.event.type))
  const allWrapped = agentEvents.length > 0 && agentEvents.every((e) => e.event.envelope === 'wrapped')
  const allFlat = agentEvents.length > 0 && agentEvents.every((e) => e.event.envelope === 'flat')
  const wrapped = allWrapped ? first((e) => e.event.envelope === 'wrapped') : undefined
  if (wrapped)
    found.push({ excludes: ['component-codes', 'beta-17', 'handshake'], looksLike: 'beta-10', what: `agent events wrapped in ${String((wrapped.event.raw as { type?: unknown }).type)}`, event: wrapped })
  const flat = allFlat ? first((e) => e.event.envelope === 'flat' && AGENT_EVENTS.has(e.event.type)) : undefined
  if (flat) found.push({ excludes: ['beta-10'], looksLike: 'beta-17', what: `flat agent events (${flat.event.type} with a top-level run_id)`, event: flat })
  const handshake = first((e) => e.event.type === 'handshake_response')
  if (handshake) found.push({ excludes: ['beta-10', 'component-codes', 'beta-17'], looksLike: 'handshake', what: 'a handshake_response after connection_established', event: handshake })
  const legacy = first((e) => e.event.envelope === 'legacy-error')
  if (legacy) found.push({ excludes: ['beta-10', 'beta-17', 'handshake'], looksLike: 'component-codes', what: 'a legacy component error event ({"type":"error","error":{component…}})', event: legacy })
  // The newest servers answer connection_established with handshake_response at once; agent events without one rule it out.
  if (!handshake && flat && first((e) => e.event.type === 'connection_established'))
    found.push({ excludes: ['handshake'], looksLike: 'beta-17', what: 'agent events with no handshake_response after connection_established', event: flat })
  return found
}

/** The server runs another generation than the environment expects (a deploy rolled forward or back, or stale settings). */
export function generationRules(evidence: SessionEvidence): RankedFinding[] {
  const expected = evidence.context.expectedGeneration
  if (!expected || !(GENERATIONS as readonly string[]).includes(expected)) return []
  const contradiction = clues(evidence).find((clue) => clue.excludes.includes(expected))
  if (!contradiction) return []
  const finding: Finding = {
    component: 'server',
    severity: 'warning',
    confidence: 'likely',
    code: 'server.unexpected-generation',
    title: `The server behaves like ${contradiction.looksLike}, not the expected ${expected}`,
    explanation: `This environment is expected to run ${expected}, but the server sent ${contradiction.what}, which ${expected} never sends. A different backend version is deployed than the environment's settings say: a deploy rolled forward or back, or the settings are out of date. Clients built for ${expected} may misread its messages.`,
    evidence: [
      { label: 'expected generation', value: expected },
      { label: 'observed', value: contradiction.what, seq: contradiction.event.seq }
    ],
    nextSteps: [
      'Check which backend version is deployed to this environment.',
      `If ${contradiction.looksLike} is right, update the environment's expected generation.`
    ]
  }
  return [ranked(RANK.quality, finding)]
}
