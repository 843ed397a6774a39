import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normaliseEnvelope, toEpochMs } from './normalise-envelope'

const ISO = '2025-09-14T10:00:00.500Z'
const ISO_MS = Date.parse(ISO)

describe('normaliseEnvelope: the envelope shapes of PROTOCOL.md §3', () => {
  it('reads a standard envelope with epoch-seconds timestamp', () => {
    const event = normaliseEnvelope({
      type: 'connection_established',
      data: { mode: 'main', user_id: 'u-1', connection_id: 'c-1' },
      timestamp: 1757844000.5,
      server_id: null,
      correlation_id: null
    })
    expect(event).toMatchObject({ type: 'connection_established', userId: 'u-1', envelope: 'standard', timestamp: 1757844000500 })
  })

  it('reads a flat agent event with top-level tool fields and an ISO timestamp', () => {
    const event = normaliseEnvelope({
      type: 'tool_completed',
      run_id: 'run_1',
      user_id: 'u-1',
      thread_id: 'th-1',
      agent_name: 'data_helper',
      tool_name: 'data_helper',
      results: { success: true },
      timestamp: ISO,
      data: { status: 'completed', execution_time_ms: 12 }
    })
    expect(event).toMatchObject({
      type: 'tool_completed',
      runId: 'run_1',
      threadId: 'th-1',
      agentName: 'data_helper',
      toolName: 'data_helper',
      status: 'completed',
      envelope: 'flat',
      timestamp: ISO_MS
    })
  })

  it('unwraps system_message and agent_progress, taking the name from data.event and fields from payload', () => {
    const wrapped = normaliseEnvelope({
      type: 'system_message',
      event: 'system_message',
      data: { event: 'agent_started', payload: { run_id: 'r9', agent_name: 'Supervisor', status: 'started' } },
      timestamp: 1757844000
    })
    expect(wrapped).toMatchObject({ type: 'agent_started', runId: 'r9', agentName: 'Supervisor', status: 'started', envelope: 'wrapped' })
    const progress = normaliseEnvelope({
      type: 'agent_progress',
      data: { event: 'tool_executing', payload: { run_id: 'r9', tool_name: 'data_helper', data: { status: 'executing' } } }
    })
    expect(progress).toMatchObject({ type: 'tool_executing', toolName: 'data_helper', status: 'executing', data: { status: 'executing' } })
  })

  it('reads the error envelope', () => {
    const event = normaliseEnvelope({
      type: 'error_message',
      error_code: 'AUTH_FAILED',
      error_message: 'Token expired',
      details: {},
      timestamp: 1757844000,
      recovery_suggestions: ['log in again']
    })
    expect(event).toMatchObject({ type: 'error_message', envelope: 'error', data: { error_code: 'AUTH_FAILED', error_message: 'Token expired' } })
  })

  it('reads the legacy component error event', () => {
    const event = normaliseEnvelope({ type: 'error', error: { code: 1005, component: 'Database', message: 'pool exhausted' } })
    expect(event).toMatchObject({ envelope: 'legacy-error', data: { component: 'Database' } })
  })

  it('uses the duplicated `event` field when `type` is missing, and keeps unknown shapes', () => {
    expect(normaliseEnvelope({ event: 'heartbeat' }).type).toBe('heartbeat')
    expect(normaliseEnvelope({ foo: 1 })).toMatchObject({ type: '(untyped)', envelope: 'unknown' })
    expect(normaliseEnvelope([1, 2]).type).toBe('(array)')
    expect(normaliseEnvelope('x').type).toBe('(string)')
  })
})

describe('normaliseEnvelope: properties', () => {
  const anyJson = fc.jsonValue()

  it('never throws and always returns a type string and the raw value, for any JSON', () => {
    fc.assert(
      fc.property(anyJson, (value) => {
        const event = normaliseEnvelope(value)
        expect(typeof event.type).toBe('string')
        expect(event.type.length).toBeGreaterThan(0)
        expect(event.raw).toBe(value)
      })
    )
  })

  it('finds run_id and agent_name wherever a generation puts them', () => {
    const ids = fc.string({ minLength: 1, maxLength: 12 })
    fc.assert(
      fc.property(ids, ids, fc.constantFrom('flat', 'data', 'payload', 'wrapped'), (runId, agent, place) => {
        const fields = { run_id: runId, agent_name: agent }
        const message =
          place === 'flat'
            ? { type: 'agent_thinking', ...fields, data: {} }
            : place === 'data'
              ? { type: 'agent_thinking', data: fields }
              : place === 'payload'
                ? { type: 'agent_thinking', payload: fields }
                : { type: 'agent_progress', data: { event: 'agent_thinking', payload: fields } }
        const event = normaliseEnvelope(message)
        expect(event.type).toBe('agent_thinking')
        expect(event.runId).toBe(runId)
        expect(event.agentName).toBe(agent)
      })
    )
  })

  it('agrees on the instant whether a timestamp comes as epoch seconds, ms or ISO', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_000_000_000_000, max: 4_000_000_000_000 }), (ms) => {
        expect(toEpochMs(ms / 1000)).toBeCloseTo(ms, 0)
        expect(toEpochMs(ms)).toBe(ms)
        expect(toEpochMs(new Date(ms).toISOString())).toBe(ms)
      })
    )
  })
})
