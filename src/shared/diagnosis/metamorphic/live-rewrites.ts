import { createChooser } from './chooser'
import { dropToolsOfRewrite } from './drop-tool-pairs'
import { unrelatedRunRewrite } from './interleave-unrelated-runs'
import { backendLogFrame, unknownTypeFrame } from './noise-frames'
import { reshapeEnvelopesRewrite } from './reshape-envelopes'
import { respellAgentNamesRewrite } from './respell-agent-names'
import { retimeTimestampsRewrite } from './retime-timestamps'
import { supervisorTwoOrFiveChosen } from './supervisor-two-or-five'
import { threadScopedIdsRewrite } from './thread-scoped-ids'
import { composeRewrites, type FrameRewrite } from './wire-frames'

/** A transformation a live server can apply frame by frame (the sandbox's `transformServerFrame`). */
export type LiveRewrite = {
  id: string
  /** Which recorded-session transformations (./catalogue.ts) it stands for. */
  covers: string[]
  /** A fresh rewrite for one connection; `seed` fixes its choices. */
  create(seed: number): FrameRewrite
}

/**
 * Noise a server may send after any frame, limited to frames the client owes no answer: a
 * `heartbeat` would draw a `heartbeat_ack`, which some faults take as "the first client message".
 */
function quietNoiseRewrite(seed: number): FrameRewrite {
  const choose = createChooser(seed)
  return (frame) => {
    if (!choose.chance(0.3)) return [frame]
    return [frame, choose.chance(0.5) ? backendLogFrame(Date.now(), null, choose) : unknownTypeFrame(Date.now(), choose)]
  }
}

/**
 * The representative subset the live slice runs against the real sandbox: the wire format
 * (envelopes, timestamps, names, thread ids) in one, the run's structure (the Supervisor
 * with two events or five, triage without tools, noise) in another, and the same user's
 * unrelated run completing on the socket as this run starts. The server-reported environment is a
 * sandbox setting, not a frame rewrite; the live slice covers it separately.
 */
export const LIVE_REWRITES: readonly LiveRewrite[] = [
  {
    id: 'wire-format',
    covers: ['mixed-envelopes', 'timestamp-forms', 'agent-name-spellings', 'run-and-thread-ids'],
    create: (seed) =>
      composeRewrites(
        respellAgentNamesRewrite(createChooser(seed)),
        threadScopedIdsRewrite(createChooser(seed + 1)),
        reshapeEnvelopesRewrite(createChooser(seed + 2)),
        retimeTimestampsRewrite(createChooser(seed + 3))
      )
  },
  {
    id: 'run-structure',
    covers: ['supervisor-two-or-five', 'agents-without-tools', 'interleaved-noise'],
    create: (seed) => composeRewrites(supervisorTwoOrFiveChosen(createChooser(seed)), dropToolsOfRewrite('triage'), quietNoiseRewrite(seed + 1))
  },
  {
    id: 'unrelated-run',
    covers: ['unrelated-runs'],
    create: (seed) => unrelatedRunRewrite(createChooser(seed), Date.now)
  }
]
