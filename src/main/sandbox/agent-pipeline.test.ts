import { afterEach, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox, type TriageOrder } from './index'
import { dig, openClient, type TestClient } from './test-client'

interface DataHelperResult {
  success: boolean
  data_request: {
    data_categories: Array<{ name: string; items: unknown[] }>
    user_instructions: string
    structured_items: Array<Record<string, unknown>>
  }
}

interface ReportResult {
  report_content: string
  sections: string[]
  recommendations: unknown[]
}

const FIVE = ['agent_started', 'agent_thinking', 'tool_executing', 'tool_completed', 'agent_completed']
const AGENT_EVENT_TYPES = new Set([...FIVE, 'agent_death', 'agent_error', 'agent_timeout_warning'])

let sandbox: Sandbox | null = null
afterEach(async () => {
  await sandbox?.stop()
  sandbox = null
})

async function connect(
  options: Parameters<typeof startSandbox>[0] = {}
): Promise<{ sb: Sandbox; client: TestClient }> {
  sandbox = await startSandbox({ stepDelayMs: 0, ...options })
  const token = await sandbox.mintToken({ sub: 'pipeline-user' })
  const client = await openClient(`${sandbox.wsUrl}?token=${token}`)
  await client.waitFor((frame) => frame.type === 'connection_established')
  return { sb: sandbox, client }
}

function agentEvents(client: TestClient): Array<Record<string, unknown>> {
  return client.frames.filter((frame) => AGENT_EVENT_TYPES.has(String(frame.type)))
}

const supervisorDone = (frame: Record<string, unknown>): boolean =>
  frame.type === 'agent_completed' && frame.agent_name === 'Supervisor'

describe('agent pipeline (beta-17 flat events)', () => {
  it('runs the Supervisor wrapping triage → data_helper → reporting, as PROTOCOL.md §4 shows it', async () => {
    const { client } = await connect()
    client.send({
      type: 'user_message',
      payload: { content: 'Help me cut our AWS bill', thread_id: 'thread-42' }
    })
    await client.waitFor(supervisorDone)
    const events = agentEvents(client)
    const runIds = new Set(events.map((event) => event.run_id))
    expect(runIds.size).toBe(1)
    expect(String([...runIds][0])).toMatch(/^run_[0-9a-f]+$/)
    for (const event of events) {
      expect(event).toMatchObject({ user_id: 'pipeline-user', thread_id: 'thread-42' })
      expect(Number.isNaN(Date.parse(String(event.timestamp)))).toBe(false)
      expect(String(event.timestamp)).toMatch(/T.*Z$/)
    }
    const typesOf = (agent: string): unknown[] =>
      events.filter((event) => event.agent_name === agent).map((event) => event.type)
    expect([...new Set(events.map((event) => event.agent_name))]).toEqual([
      'Supervisor',
      'triage',
      'data_helper',
      'reporting'
    ])
    // The Supervisor only wraps; agents without a tool send no tool events; data_helper calls its tool.
    expect(typesOf('Supervisor')).toEqual(['agent_started', 'agent_completed'])
    expect(typesOf('triage')).toEqual(['agent_started', 'agent_thinking', 'agent_completed'])
    expect(typesOf('data_helper')).toEqual(FIVE)
    expect(typesOf('reporting')).toEqual(['agent_started', 'agent_thinking', 'agent_completed'])
    expect(events.filter((event) => event.type === 'tool_executing').map((event) => event.tool_name)).toEqual(
      ['data_helper']
    )
    expect(events[0]).toMatchObject({ type: 'agent_started', agent_name: 'Supervisor' })
    expect(events.at(-1)).toMatchObject({ type: 'agent_completed', agent_name: 'Supervisor' })
    expect(dig(events.at(-1), 'data.result.orchestration_successful')).toBe(true)
    // The run as a whole carries all five critical event types.
    expect(new Set(events.map((event) => event.type))).toEqual(new Set(FIVE))
  })

  it('keeps the older stream as a variant: five events from every agent, the Supervisor wrapping them', async () => {
    const { client } = await connect({ eventStyle: 'five-from-every-agent' })
    client.send({ type: 'user_message', payload: { content: 'Help me cut our AWS bill' } })
    await client.waitFor(supervisorDone)
    const events = agentEvents(client)
    const agents = [...new Set(events.map((event) => event.agent_name))]
    expect(agents).toEqual(['Supervisor', 'triage', 'data_helper', 'reporting'])
    for (const agent of agents) {
      expect(events.filter((event) => event.agent_name === agent).map((event) => event.type)).toEqual(FIVE)
    }
    const sub = events.filter((event) => event.agent_name !== 'Supervisor').map((event) => event.agent_name)
    expect(sub).toEqual([
      ...Array(5).fill('triage'),
      ...Array(5).fill('data_helper'),
      ...Array(5).fill('reporting')
    ])
  })

  it('fills the §3 data fields of every event type', async () => {
    const { client } = await connect({ triage: 'sufficient' })
    client.send({ type: 'user_message', payload: { text: 'Reduce LLM spend' } })
    await client.waitFor(supervisorDone)
    const events = agentEvents(client)
    const of = (agent: string, type: string) =>
      events.find((event) => event.agent_name === agent && event.type === type) as Record<string, unknown>
    expect(of('triage', 'agent_started').data).toMatchObject({
      status: 'started',
      message: expect.any(String),
      context: expect.any(Object)
    })
    expect(of('triage', 'agent_thinking').data).toMatchObject({
      status: 'thinking',
      reasoning: expect.any(String),
      step_number: 1,
      progress_percentage: expect.any(Number)
    })
    expect(of('data', 'tool_executing')).toMatchObject({ tool_name: 'data_analyzer' })
    expect(of('data', 'tool_executing').data).toMatchObject({
      status: 'executing',
      parameters: expect.any(Object),
      message: expect.any(String)
    })
    expect(of('data', 'tool_completed').results).toBeTypeOf('object')
    expect(of('data', 'tool_completed').data).toMatchObject({
      status: 'completed',
      execution_time_ms: expect.any(Number),
      result: expect.any(Object)
    })
    expect(of('triage', 'agent_completed').data).toMatchObject({
      status: 'completed',
      execution_time_ms: expect.any(Number),
      result: expect.any(Object)
    })
    expect(String(events[0].thread_id)).toMatch(/^thread_/)
  })

  it('returns the data helper data request and tool summary', async () => {
    const { client } = await connect()
    client.send({ type: 'user_message', payload: { content: 'What can we save on cloud?' } })
    await client.waitFor(supervisorDone)
    const events = agentEvents(client)
    const tool = events.find(
      (event) => event.agent_name === 'data_helper' && event.type === 'tool_completed'
    )!
    expect(tool.tool_name).toBe('data_helper')
    expect(tool.results).toEqual({
      success: true,
      data_request_generated: true,
      instructions_count: 3,
      structured_items_count: 7
    })
    const done = events.find(
      (event) => event.agent_name === 'data_helper' && event.type === 'agent_completed'
    )!
    const result = dig(done, 'data.result') as DataHelperResult
    expect(result.success).toBe(true)
    expect(result.data_request.data_categories.length).toBeGreaterThan(1)
    for (const category of result.data_request.data_categories) {
      expect(category.name).toEqual(expect.any(String))
      for (const item of category.items)
        expect(item).toEqual({ item: expect.any(String), justification: expect.any(String) })
    }
    expect(result.data_request.user_instructions).toMatch(/billing/)
    expect(result.data_request.structured_items).toHaveLength(7)
    for (const item of result.data_request.structured_items) {
      expect(Object.keys(item).sort()).toEqual(['category', 'data_point', 'justification', 'required'])
    }
    const reportEvent = events.find(
      (event) => event.agent_name === 'reporting' && event.type === 'agent_completed'
    )!
    const report = dig(reportEvent, 'data.result') as ReportResult
    expect(report).toMatchObject({
      has_recommendations: true,
      total_sections: report.sections.length,
      completion_status: 'awaiting_data'
    })
    expect(report.report_content).toEqual(expect.any(String))
    expect(report.recommendations.length).toBeGreaterThan(0)
    expect(dig(events.at(-1), 'data.result.orchestration_successful')).toBe(true)
  })

  const orders: Array<[TriageOrder, string[]]> = [
    ['sufficient', ['triage', 'data', 'optimization', 'actions', 'reporting']],
    ['partial', ['triage', 'data_helper', 'data', 'reporting']],
    ['insufficient', ['triage', 'data_helper', 'reporting']],
    ['unknown', ['data_helper', 'reporting']]
  ]
  for (const [triage, expected] of orders) {
    it(`orders agents for triage "${triage}"`, async () => {
      const { client } = await connect({ triage })
      client.send({
        type: 'start_agent',
        payload: { user_request: 'optimise', thread_id: null, context: {}, settings: {} }
      })
      await client.waitFor(supervisorDone)
      const order = [...new Set(agentEvents(client).map((event) => event.agent_name))].filter(
        (name) => name !== 'Supervisor'
      )
      expect(order).toEqual(expected)
    })
  }

  it('accepts every user_message alias and execute_agent', async () => {
    const { client } = await connect()
    for (const type of ['chat', 'chat_message', 'message', 'user_input']) {
      client.send({ type, payload: { content: `via ${type}` } })
    }
    client.send({ type: 'execute_agent', payload: { user_request: 'via execute_agent' } })
    await client.waitFor(() => client.frames.filter(supervisorDone).length === 5)
    const runs = new Set(agentEvents(client).map((event) => event.run_id))
    expect(runs.size).toBe(5)
  })

  it('spaces events by stepDelayMs', async () => {
    const { client } = await connect({ stepDelayMs: 15 })
    const started = Date.now()
    client.send({ type: 'user_message', payload: { content: 'timed' } })
    await client.waitFor(supervisorDone)
    // 13 events (Supervisor 2, triage 3, data_helper 5, reporting 3), 12 gaps of ≥ 15 ms before the last one is sent.
    expect(agentEvents(client)).toHaveLength(13)
    expect(Date.now() - started).toBeGreaterThanOrEqual(12 * 15 - 5)
  })
})
