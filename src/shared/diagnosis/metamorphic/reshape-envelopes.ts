import { normaliseEnvelope } from '../../protocol/normalise-envelope'
import { AGENT_ENVELOPES, readAgentFrame, type AgentEnvelope } from './agent-frame'
import type { Chooser } from './chooser'
import type { SessionTransformation } from './session-transformation'
import { rewriteInboundFrames, type FrameRewrite, type JsonFrame } from './wire-frames'

const ENVELOPES = Object.keys(AGENT_ENVELOPES) as AgentEnvelope[]

function isObject(value: unknown): value is JsonFrame {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A non-agent standard frame in the other body key (`data` ↔ beta-10 `payload`), maybe with `event` duplicating `type`. */
function reshapeStandard(frame: JsonFrame, choose: Chooser): JsonFrame {
  const key = isObject(frame.data) ? 'data' : 'payload'
  const body = frame[key]
  const { data: _data, payload: _payload, event: _event, ...rest } = frame
  const out: JsonFrame = { ...rest, [choose.chance(0.5) ? 'data' : 'payload']: body }
  if (choose.chance(0.5)) out.event = frame.type
  return out
}

/**
 * Each frame in an envelope of its own choosing: agent events flat, standard or wrapped;
 * other standard frames with `data` or `payload`. Error envelopes and anything unreadable
 * stay exactly as sent.
 */
export function reshapeEnvelopesRewrite(choose: Chooser): FrameRewrite {
  return (frame) => {
    const agent = readAgentFrame(frame)
    if (agent !== null) return [AGENT_ENVELOPES[choose.pick(ENVELOPES)](agent)]
    const event = normaliseEnvelope(frame)
    const plain =
      typeof frame.type === 'string' &&
      event.envelope === 'standard' &&
      !(isObject(frame.data) && isObject(frame.payload)) &&
      !('error_code' in frame)
    const beta10 = typeof frame.type === 'string' && event.envelope === 'unknown' && isObject(frame.payload) && !('data' in frame)
    return plain || beta10 ? [reshapeStandard(frame, choose)] : [frame]
  }
}

/** Servers mix envelope shapes within one stream (PROTOCOL.md §3: accept all three, plus wrappers). */
export const reshapeEnvelopes: SessionTransformation = {
  id: 'mixed-envelopes',
  title: 'every frame in its own envelope: standard, flat or system_message/agent_progress wrapper',
  apply: (records, choose) => rewriteInboundFrames(records, reshapeEnvelopesRewrite(choose))
}
