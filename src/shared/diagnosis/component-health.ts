import { COMPONENTS, type Component } from './components'
import type { ComponentHealth, ComponentStatus, Finding } from './diagnosis-types'
import { healthStatusByComponent } from './health-signals'
import { formatMs } from './rules/rule-finding'
import { runPairProblems } from './rules/run-pairs'
import type { SessionEvidence } from './session-evidence'

const RANK: Readonly<Record<ComponentStatus, number>> = { failing: 3, degraded: 2, ok: 1, unknown: 0 }

function worse(a: ComponentStatus, b: ComponentStatus): ComponentStatus {
  return RANK[b] > RANK[a] ? b : a
}

/** What went right, per component: the evidence that lets a cell say `ok` rather than `unknown`. */
function positiveSources(evidence: SessionEvidence): Map<Component, string[]> {
  const sources = new Map<Component, string[]>()
  const add = (component: Component, source: string): void =>
    void sources.set(component, [...(sources.get(component) ?? []), source])
  for (const record of evidence.model.preflight) {
    if (!record.ok) continue
    if (record.check === 'dns')
      add(
        'network',
        `dns: ${record.target} resolved${record.ms !== null ? ` in ${formatMs(record.ms)}` : ''}`
      )
    if (record.check === 'tcp')
      add(
        'network',
        `tcp: connected to ${record.target}${record.ms !== null ? ` in ${formatMs(record.ms)}` : ''}`
      )
    if (record.check === 'tls')
      add('tls', `tls: ${String(record.detail.protocol ?? 'handshake ok')}, certificate verified`)
  }
  const accepted = evidence.attempts.find((attempt) => attempt.view.handshake?.ok)
  if (accepted?.view.handshake) {
    const ms = formatMs(accepted.view.handshake.ms)
    add('network', `upgrade reached the server (${ms})`)
    add('gateway', `upgrade switched protocols (101 in ${ms})`)
    add('server', 'accepted the WebSocket upgrade')
    add('client', 'upgrade request accepted')
    add('auth', 'the server accepted the credential on the upgrade')
    if (/^wss:/i.test(accepted.view.handshake.url)) add('tls', 'wss handshake completed')
  }
  const token = evidence.model.token
  if (token?.decodable && token.claims.exp !== null && evidence.context.nowMs !== null)
    add(
      'auth',
      `token for ${token.claims.sub ?? '?'} (env ${token.claims.env ?? '?'}) valid for ${formatMs(token.claims.exp * 1000 - evidence.context.nowMs)}`
    )
  const greeting = evidence.events.find((entry) => entry.event.type === 'connection_established')
  if (greeting)
    add(
      'websocket-manager',
      `connection_established${typeof greeting.event.data.mode === 'string' ? ` (mode ${greeting.event.data.mode})` : ''}`
    )
  const answered = evidence.attempts.some((attempt) => {
    const firstOut = attempt.outgoing[0]
    return (
      firstOut !== undefined &&
      attempt.events.some((entry) => entry.seq > firstOut.seq && entry.event.type !== 'heartbeat')
    )
  })
  if (answered) add('message-handler', "the server answered the client's messages")
  for (const run of evidence.ownRuns.filter((candidate) => candidate.status === 'completed')) {
    const agents = run.agents.filter((agent) => agent.key !== '(no agent)')
    add('agent-supervisor', `run ${run.runId} completed (${agents.length} agents)`)
    const problems = runPairProblems(run, new Set())
    if (problems.missing.length === 0 && problems.disorder.length === 0)
      add('agent-bridge', `run ${run.runId}: every critical event owed arrived, in causal order`)
    add('llm', `run ${run.runId} answered in ${formatMs((run.endT ?? run.lastT) - run.firstT)}`)
  }
  return sources
}

function plainText(evidence: SessionEvidence): boolean {
  const url = evidence.model.start?.url ?? evidence.model.handshake?.url ?? ''
  return /^ws:/i.test(url)
}

/**
 * The health grid: per component, the health endpoints' status combined with the findings
 * (an error fails a component, a warning degrades it), and `ok` only where something
 * positively showed it working; everything else stays `unknown`.
 */
export function componentHealth(
  evidence: SessionEvidence,
  findings: readonly Finding[]
): Record<Component, ComponentHealth> {
  const fromEndpoints = healthStatusByComponent(evidence.health)
  const positives = positiveSources(evidence)
  const grid = {} as Record<Component, ComponentHealth>
  for (const component of COMPONENTS) {
    const endpoint = fromEndpoints.get(component)
    const own = findings.filter((finding) => finding.component === component)
    let status: ComponentStatus = endpoint?.status ?? 'unknown'
    for (const finding of own)
      status = worse(
        status,
        finding.severity === 'error' ? 'failing' : finding.severity === 'warning' ? 'degraded' : 'unknown'
      )
    const positive = positives.get(component) ?? []
    if (status === 'unknown' && positive.length > 0) status = 'ok'
    const sources = [
      ...own.filter((finding) => finding.severity !== 'info').map((finding) => `finding: ${finding.title}`),
      ...(endpoint?.signals ?? []).map(
        (signal) => `${signal.source}${signal.note ? ` (${signal.note})` : ''}`
      ),
      ...positive
    ]
    if (component === 'tls' && sources.length === 0 && plainText(evidence))
      sources.push('not used: plain ws:// / http:// connection')
    if (sources.length === 0) sources.push('no evidence about this component')
    grid[component] = { status, sources, findingCodes: own.map((finding) => finding.code) }
  }
  return grid
}
