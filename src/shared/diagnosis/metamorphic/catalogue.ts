import { dropToolPairs } from './drop-tool-pairs'
import { interleaveNoise } from './interleave-noise'
import { interleaveUnrelatedRuns } from './interleave-unrelated-runs'
import { reshapeEnvelopes } from './reshape-envelopes'
import { respellAgentNames } from './respell-agent-names'
import { retimeTimestamps } from './retime-timestamps'
import { serverReportedEnvironment } from './server-reported-environment'
import type { SessionTransformation } from './session-transformation'
import { supervisorTwoOrFive } from './supervisor-two-or-five'
import { threadScopedIds } from './thread-scoped-ids'

/**
 * What real Netra servers do that our sandbox (by default) does not, none of which changes what
 * a session means. Each may be applied to any recorded session, in any order, any number of times.
 */
export const TRANSFORMATIONS: readonly SessionTransformation[] = [
  reshapeEnvelopes,
  retimeTimestamps,
  respellAgentNames,
  supervisorTwoOrFive,
  dropToolPairs,
  interleaveNoise,
  threadScopedIds,
  serverReportedEnvironment,
  interleaveUnrelatedRuns
]
