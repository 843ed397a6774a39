import { expectedEnvsForKind } from '../../environments/token-environment-check'
import { describeExpectedEnvironment } from '../expected-environment'
import type { SessionEvidence } from '../session-evidence'
import { RANK, ranked, type RankedFinding } from './rule-finding'

/**
 * Environment rule: when the server's own word about its environment differs from what the
 * URL suggests (a port-forward or SSH tunnel puts staging on 127.0.0.1), say so as a note —
 * the diagnosis goes by the server's word, and nothing is wrong with that.
 */
export function environmentRules(evidence: SessionEvidence): RankedFinding[] {
  const { environment, environmentKind } = evidence.context
  if (!environment || environment.source !== 'server') return []
  const guessed = expectedEnvsForKind(environmentKind)
  if (!guessed || guessed.includes(environment.env)) return []
  return [
    ranked(RANK.quality, {
      component: 'server',
      severity: 'info',
      confidence: 'certain',
      code: 'server.environment-reported',
      title: `The server runs as ${environment.env}, not what the ${environmentKind} URL suggests`,
      explanation: `${describeExpectedEnvironment(environment)}; a ${environmentKind} URL would suggest ${guessed.join(' or ')}. A port-forward or tunnel does this; the diagnosis judges the token against the server's word.`,
      evidence: [{ label: 'environment', value: describeExpectedEnvironment(environment), seq: environment.seq }],
      nextSteps: []
    })
  ]
}
