import { randomBytes } from 'node:crypto'
import {
  actionsResult,
  agentsFor,
  dataHelperResult,
  dataHelperToolResults,
  dataResult,
  optimizationResult,
  reportResult,
  triageResult
} from './agent-results'
import type { SandboxConnection } from './connection'
import { formatAgentEvent, type AgentEvent } from './envelopes'
import { failComponent } from './faults/component-failures'

/** A user request that starts a run. */
export interface RunRequest {
  content: string
  threadId: string | null
  /** Set when the handshake already announced the run id. */
  runId?: string
}

/** Thrown inside a run when the connection ended, went silent or the run was stopped. */
class RunAborted extends Error {}

interface AgentProfile {
  tool: string
  reasoning: string
  parameters: Record<string, unknown>
  result: (conn: SandboxConnection, request: string) => Record<string, unknown>
  toolResults?: () => Record<string, unknown>
}

const PROFILES: Readonly<Record<string, AgentProfile>> = {
  triage: {
    tool: 'triage_classifier',
    reasoning: 'Classifying the request and checking whether the user supplied enough data to analyse.',
    parameters: { classify: ['intent', 'data_sufficiency', 'priority'] },
    result: (conn, request) => triageResult(conn.settings.triage, request)
  },
  data_helper: {
    tool: 'data_helper',
    reasoning: 'The request lacks billing and utilisation data; drafting a data request the user can fulfil.',
    parameters: { analysis_type: 'cloud_cost', include_llm_usage: true },
    result: () => dataHelperResult(),
    toolResults: () => dataHelperToolResults()
  },
  data: {
    tool: 'data_analyzer',
    reasoning: 'Aggregating spend per service over the last 90 days and looking for anomalies.',
    parameters: { timeframe: 'last_90_days', group_by: 'service' },
    result: () => dataResult()
  },
  optimization: {
    tool: 'cost_optimizer',
    reasoning: 'Scoring rightsizing, model-routing and storage-tiering options against the cost baseline.',
    parameters: { strategies: ['rightsizing', 'model_routing', 'storage_tiering'] },
    result: () => optimizationResult()
  },
  actions: {
    tool: 'action_planner',
    reasoning: 'Ordering the optimizations into an implementation plan by effort and impact.',
    parameters: { max_steps: 5 },
    result: () => actionsResult()
  },
  reporting: {
    tool: 'report_generator',
    reasoning: 'Writing the final report with recommendations and next steps.',
    parameters: { format: 'markdown', include_recommendations: true },
    result: (conn) => reportResult(conn.settings.triage)
  }
}

/**
 * Agents that answer from the model alone in the platform's own runs (PROTOCOL.md §3–4): in the
 * `wrapped` style they send no tool events. data_helper calls its `data_helper` tool, and data,
 * optimization and actions call theirs.
 */
const AGENTS_WITHOUT_TOOLS = new Set(['triage', 'reporting'])

function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex')
}

/**
 * One Supervisor run. In the default `wrapped` style (PROTOCOL.md §4) the Supervisor sends only
 * its agent_started and agent_completed around the sub-agents, and an agent without a tool sends
 * no tool events; in `five-from-every-agent` every agent, the Supervisor too, sends all five.
 *
 * Mid-run faults hook in at named points rather than frame counts, so a fault lands at the
 * same causal moment whatever the triage order and the event style.
 */
export async function runAgentPipeline(conn: SandboxConnection, request: RunRequest): Promise<void> {
  const { faults, generation, userId, stepDelayMs, eventStyle } = conn.settings
  const everyAgentSendsFive = eventStyle === 'five-from-every-agent'
  if (faults.has('agent-supervisor-failure')) {
    failComponent(conn, 'agent-supervisor-failure')
    return
  }
  const runId = request.runId ?? `run_${hex(8)}`
  const threadId = request.threadId ?? `thread_${hex(8)}`
  const runToken = conn.currentRun()
  const order = faults.has('optimization-before-data')
    ? ['triage', 'optimization', 'data', 'reporting']
    : agentsFor(conn.settings.triage)
  const dataAgent = order.find((agent) => agent === 'data_helper' || agent === 'data')
  const firstAgent = order[0]

  // `afterSend` runs before the pause, so a fault that ends the connection leaves no window for other frames.
  const emit = async (event: AgentEvent, afterSend?: () => void): Promise<void> => {
    if (!conn.open || conn.currentRun() !== runToken) throw new RunAborted()
    conn.send(formatAgentEvent(generation, event))
    afterSend?.()
    await conn.sleep(stepDelayMs)
    if (!conn.open || conn.currentRun() !== runToken) throw new RunAborted()
  }
  const event = (
    type: string,
    agentName: string,
    data: Record<string, unknown>,
    extra: Partial<AgentEvent> = {}
  ): AgentEvent => ({
    type,
    runId,
    userId,
    threadId,
    agentName,
    data,
    ...extra
  })
  const log = (message: string): void => {
    if (generation === 'handshake') {
      conn.sendEnvelope('backend_log', {
        level: 'info',
        logger: 'netra.agents.supervisor',
        message,
        run_id: runId
      })
    }
  }

  const runAgent = async (agentName: string, index: number): Promise<void> => {
    const profile = PROFILES[agentName]
    if (!profile) return
    const started = Date.now()
    const progress = Math.round(((index + 0.5) / order.length) * 100)
    await emit(
      event('agent_started', agentName, {
        status: 'started',
        context: { user_request: request.content, thread_id: threadId, agent_index: index },
        message: `${agentName} agent started`
      }),
      () => {
        if (agentName === firstAgent && faults.has('tcp-drop')) conn.drop()
      }
    )
    if (agentName === dataAgent && faults.has('slow-llm')) {
      const delay = faults.slowLlmDelayMs(stepDelayMs)
      if (generation === 'handshake') {
        await emit(
          event('agent_timeout_warning', agentName, {
            status: 'slow',
            elapsed_ms: Date.now() - started,
            expected_delay_ms: delay,
            message: 'LLM response is slower than expected'
          })
        )
      }
      await conn.sleep(delay)
    }
    const leak = agentName === dataAgent && faults.has('cross-user-leak')
    // The leak as it happens in production: with another user connected (a concurrent run's first), this user's event is
    // routed to their socket too; alone, this socket gets a stranger's event.
    const leakTarget = leak ? conn.otherUsersConnection() : null
    const thinking = { reasoning: profile.reasoning, step_number: 1, progress_percentage: progress, status: 'thinking' }
    if (leakTarget) leakTarget.send(formatAgentEvent(leakTarget.settings.generation, event('agent_thinking', agentName, thinking)))
    await emit(
      event('agent_thinking', agentName, thinking, leak && !leakTarget ? { userId: `user-${hex(4)}`, runId: `run_${hex(8)}` } : {}),
      () => {
        if (agentName === firstAgent && faults.has('malformed-json-frame')) {
          conn.send(
            '{"type":"agent_thinking","run_id":"' + runId + '","data":{"reasoning":"Analyzing the reque'
          )
        }
      }
    )
    if (agentName === dataAgent && faults.has('agent-death')) {
      await emit(
        event('agent_death', agentName, {
          status: 'dead',
          death_cause: 'LLM worker process exited unexpectedly (exit code 137)',
          recovery_action: 'Retry the request; the supervisor will restart the agent'
        })
      )
      throw new RunAborted()
    }
    const result = profile.result(conn, request.content)
    if (everyAgentSendsFive || !AGENTS_WITHOUT_TOOLS.has(agentName))
      await callTool(agentName, profile, result)
    await emit(
      event('agent_completed', agentName, {
        status: 'completed',
        result,
        execution_time_ms: Date.now() - started,
        message: `${agentName} agent completed`
      }),
      () => {
        if (agentName === firstAgent && faults.has('restart-1012')) conn.close(1012, 'Service restart')
      }
    )
  }

  const callTool = async (
    agentName: string,
    profile: AgentProfile,
    result: Record<string, unknown>
  ): Promise<void> => {
    await emit(
      event(
        'tool_executing',
        agentName,
        { parameters: profile.parameters, status: 'executing', message: `Running ${profile.tool}` },
        { toolName: profile.tool }
      )
    )
    const toolStarted = Date.now()
    const results = profile.toolResults ? profile.toolResults() : result
    if (!(agentName === dataAgent && faults.has('missing-tool-completed'))) {
      await emit(
        event(
          'tool_completed',
          agentName,
          {
            result: results,
            execution_time_ms: Date.now() - toolStarted,
            status: 'completed',
            message: `${profile.tool} completed`
          },
          { toolName: profile.tool, results }
        )
      )
    }
  }

  try {
    const started = Date.now()
    log(`Run ${runId} started for thread ${threadId}`)
    await emit(
      event('agent_started', 'Supervisor', {
        status: 'started',
        context: { user_request: request.content, thread_id: threadId },
        message: 'Supervisor started orchestrating the request'
      }),
      () => {
        if (faults.has('server-silent')) conn.goSilent()
      }
    )
    const orchestration = { agents_executed: order, total_agents: order.length, success: true }
    if (everyAgentSendsFive) {
      await emit(
        event('agent_thinking', 'Supervisor', {
          reasoning: `Planning the agent sequence: ${order.join(' → ')}`,
          step_number: 1,
          progress_percentage: 0,
          status: 'thinking'
        })
      )
      await emit(
        event(
          'tool_executing',
          'Supervisor',
          {
            parameters: { agents: order, execution: 'sequential' },
            status: 'executing',
            message: 'Dispatching agents'
          },
          { toolName: 'agent_orchestrator' }
        )
      )
    }
    const toolStarted = Date.now()
    for (const [index, agentName] of order.entries()) await runAgent(agentName, index)
    if (everyAgentSendsFive) {
      await emit(
        event(
          'tool_completed',
          'Supervisor',
          {
            result: orchestration,
            execution_time_ms: Date.now() - toolStarted,
            status: 'completed',
            message: 'All agents finished'
          },
          { toolName: 'agent_orchestrator', results: orchestration }
        )
      )
    }
    await emit(
      event('agent_completed', 'Supervisor', {
        status: 'completed',
        result: {
          orchestration_successful: true,
          agents_executed: order,
          total_agents: order.length,
          triage_result: conn.settings.triage,
          run_id: runId,
          thread_id: threadId
        },
        execution_time_ms: Date.now() - started,
        message: 'Request completed'
      })
    )
    log(`Run ${runId} completed`)
  } catch (error) {
    if (!(error instanceof RunAborted)) throw error
  }
}
