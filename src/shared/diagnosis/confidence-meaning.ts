import type { Confidence } from './diagnosis-types'

/** What each confidence level means, in one sentence each (tooltips, exports, the CLI). */
export const CONFIDENCE_MEANING: Readonly<Record<Confidence, string>> = {
  certain: 'Certain: the server said so (a close reason, an error event, a refusal body, a health endpoint).',
  likely: 'Likely: inferred from a pattern (timing, order, correlation with other evidence).',
  possible: 'Possible: inferred from something that did not happen (an event or an answer that never came).'
}
