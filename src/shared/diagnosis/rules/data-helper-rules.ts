import type { Component } from '../components'
import type { DerivedRun, DerivedRunEvent } from '../derive-runs'
import { RANK, ranked, type RankedFinding } from './rule-finding'

type Obj = Record<string, unknown>

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null
}

/**
 * The data helper's own verdict, wherever the envelope put it: `results` at the top level of
 * a flat event, `data.result`/`data.results`, or one level further down (`result.result`).
 */
function failedResult(entry: DerivedRunEvent): Obj | null {
  const raw = isObject(entry.event.raw) ? entry.event.raw : {}
  const candidates: unknown[] = [raw.results, raw.result, entry.event.data.result, entry.event.data.results]
  for (const candidate of [...candidates]) if (isObject(candidate)) candidates.push(candidate.result, candidate.data)
  for (const candidate of candidates) if (isObject(candidate) && candidate.success === false) return candidate
  return null
}

const LLM_WORDS = /\b(llm|model|openai|anthropic|gemini|vertex|completion|token limit|context length|rate.?limit)/i

/**
 * A data helper result with `success:false` (PROTOCOL.md §4): the helper could not produce
 * the data request. The platform still answers — reporting falls back — so it degrades the
 * session. Like `agent_error`, an agent reporting its own failure is the agent pipeline's
 * (`agent-supervisor`) unless its error names the model, which makes it the LLM's.
 */
export function dataHelperFindings(run: DerivedRun): RankedFinding[] {
  const helpers = run.agents.filter((agent) => agent.role === 'data_helper')
  const entries = [
    ...helpers.flatMap((agent) => agent.events),
    ...run.agents.flatMap((agent) => agent.events.filter((entry) => entry.toolName === 'data_helper'))
  ].filter((entry) => entry.type === 'tool_completed' || entry.type === 'agent_completed')
  const failures = [...new Map(entries.map((entry) => [entry.seq, entry])).values()]
    .map((entry) => ({ entry, result: failedResult(entry) }))
    .filter((item): item is { entry: DerivedRunEvent; result: Obj } => item.result !== null)
  if (failures.length === 0) return []
  const error = failures.map(({ result }) => str(result.error)).find((text) => text !== null) ?? null
  const fallback = failures.map(({ result }) => str(result.fallback_message)).find((text) => text !== null) ?? null
  const llm = error !== null && LLM_WORDS.test(error)
  const component: Component = llm ? 'llm' : 'agent-supervisor'
  return [
    ranked(RANK.reported, {
      component,
      severity: 'warning',
      confidence: 'certain',
      code: `${component}.data-helper-failed`,
      title: `The data helper could not produce a data request (run ${run.runId})`,
      explanation: `The data helper reported success:false${error ? `: "${error}"` : ''}. The user gets a fallback instead of the list of data to supply${fallback ? ` ("${fallback.slice(0, 160)}")` : ''}.`,
      evidence: failures.map(({ entry, result }) => ({
        label: `${entry.agentName ?? 'data helper'} ${entry.type}`,
        value: JSON.stringify(result).slice(0, 300),
        seq: entry.seq
      })),
      nextSteps: [
        llm
          ? 'Check the LLM provider (latency, quotas, errors) for this run.'
          : "Check the data helper agent's logs for this run id.",
        'Retry the request.'
      ]
    })
  ]
}
