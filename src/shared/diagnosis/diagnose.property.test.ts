import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { FrameRecord, FrameRecordDraft } from '../api/frame-record'
import { CRITICAL_EVENTS } from '../protocol/agent-event'
import { applyRecords, createSessionModel } from '../session-model'
import { COMPONENTS } from './components'
import { diagnose } from './diagnose'
import { PREFLIGHT_NAMES } from './preflight-vocabulary'

const SEVERITY = { error: 0, warning: 1, info: 2 } as const
const word = fc.constantFrom(
  '',
  'main cleanup',
  'Startup timeout',
  'Authentication failed',
  'Redis: lost',
  'Processing error',
  'Too many concurrent connections (6/5)',
  'x'
)
const eventType = fc.constantFrom(
  ...CRITICAL_EVENTS,
  'agent_death',
  'agent_error',
  'connection_established',
  'error_message',
  'error',
  'heartbeat',
  'pong',
  'authentication_error',
  'cleanup_started'
)

const agentMessage = fc.record({
  type: eventType,
  run_id: fc.constantFrom('run_1', 'run_2', undefined),
  user_id: fc.constantFrom('u-1', 'u-2', 'demo-user-001', undefined),
  agent_name: fc.constantFrom(
    'Supervisor',
    'triage',
    'data',
    'optimization',
    'data_helper',
    'reporting',
    undefined
  ),
  error_code: fc.constantFrom('AUTH_FAILED', 'SERVICE_INIT_FAILED', undefined),
  error: fc.option(
    fc.record({
      code: fc.integer({ min: 1000, max: 1015 }),
      component: fc.constantFrom('Redis', 'Database', 'Nope')
    }),
    { nil: undefined }
  ),
  data: fc.option(
    fc.dictionary(fc.constantFrom('user_id', 'status', 'details', 'component'), fc.jsonValue()),
    { nil: undefined }
  )
})

const messageText = fc.oneof(
  agentMessage.map((message) => JSON.stringify(message)),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.string()
)

const draft: fc.Arbitrary<FrameRecordDraft> = fc.oneof(
  fc.constant<FrameRecordDraft>({
    kind: 'session-start',
    dir: 'local',
    wallClock: 1757844000000,
    environment: { id: 'e', name: 'E', kind: 'staging' },
    url: 'wss://x/ws',
    authMethod: 'subprotocol'
  }),
  fc
    .record({
      ok: fc.boolean(),
      status: fc.option(fc.integer({ min: 100, max: 599 }), { nil: null }),
      body: fc.option(
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify(v))
        ),
        { nil: null }
      ),
      error: fc.option(fc.string(), { nil: null }),
      offered: fc.array(fc.string(), { maxLength: 2 })
    })
    .map(({ ok, status, body, error, offered }): FrameRecordDraft => ({
      kind: 'handshake',
      dir: 'local',
      ok,
      url: 'wss://x/ws',
      status,
      statusText: null,
      subprotocolsOffered: offered,
      subprotocol: null,
      requestHeaders: {},
      responseHeaders: {},
      body,
      ms: 3,
      error
    })),
  messageText.map((data): FrameRecordDraft => ({
    kind: 'message',
    dir: 'in',
    opcode: 1,
    encoding: 'utf8',
    data,
    size: data.length
  })),
  messageText.map((data): FrameRecordDraft => ({
    kind: 'message',
    dir: 'out',
    opcode: 1,
    encoding: 'utf8',
    data,
    size: data.length
  })),
  fc.constant<FrameRecordDraft>({
    kind: 'message',
    dir: 'in',
    opcode: 2,
    encoding: 'base64',
    data: 'AAE=',
    size: 2
  }),
  fc
    .record({
      code: fc.integer({ min: 0, max: 5000 }),
      reason: word,
      initiator: fc.constantFrom('client', 'server', 'none') as fc.Arbitrary<'client' | 'server' | 'none'>,
      clean: fc.boolean()
    })
    .map((close): FrameRecordDraft => ({ kind: 'close', dir: 'local', ...close })),
  fc
    .record({
      message: fc.string(),
      code: fc.option(fc.constantFrom('auth-setup', 'ECONNRESET'), { nil: null })
    })
    .map((error): FrameRecordDraft => ({ kind: 'error', dir: 'local', ...error })),
  fc
    .record({ attempt: fc.integer({ min: 1, max: 3 }), delayMs: fc.nat(2000) })
    .map(({ attempt, delayMs }): FrameRecordDraft => ({
      kind: 'attempt',
      dir: 'local',
      attempt,
      of: 3,
      delayMs
    })),
  fc
    .record({
      check: fc.constantFrom('dns', 'tcp', 'tls', 'http') as fc.Arbitrary<'dns' | 'tcp' | 'tls' | 'http'>,
      name: fc.constantFrom(...Object.values(PREFLIGHT_NAMES)),
      ok: fc.boolean(),
      status: fc.option(fc.integer({ min: 200, max: 599 }), { nil: null }),
      body: fc.jsonValue()
    })
    .map(({ check, name, ok, status, body }): FrameRecordDraft => ({
      kind: 'preflight',
      dir: 'local',
      check,
      name,
      target: 'x',
      ok,
      ms: 1,
      status,
      detail: { body, certificate: body, protocol: typeof body === 'string' ? body : undefined },
      error: ok ? null : 'failed'
    })),
  fc
    .record({
      decodable: fc.boolean(),
      exp: fc.option(fc.integer({ min: 0, max: 2e9 }), { nil: null }),
      iat: fc.option(fc.integer({ min: 0, max: 2e9 }), { nil: null }),
      env: fc.option(fc.constantFrom('staging', 'production'), { nil: null })
    })
    .map(({ decodable, exp, iat, env }): FrameRecordDraft => ({
      kind: 'token',
      dir: 'local',
      source: 's',
      decodable,
      claims: {
        sub: 'u-1',
        email: null,
        env,
        iss: 'netra-auth-service',
        aud: 'netra-platform',
        token_type: 'access',
        iat,
        exp,
        hasJti: true
      }
    })),
  fc.constantFrom<FrameRecordDraft>(
    { kind: 'ping', dir: 'in', opcode: 9, data: '', size: 0 },
    { kind: 'note', dir: 'local', text: 'n' }
  )
)

const session = fc.array(fc.tuple(draft, fc.nat(70000)), { maxLength: 40 }).map((entries) => {
  let t = 0
  return entries.map(([record, gap], seq) => {
    t += gap
    return { ...record, seq, t } as FrameRecord
  })
})

const context = fc.record({
  environmentKind: fc.constantFrom('sandbox', 'local', 'staging', 'production', 'custom') as fc.Arbitrary<
    'sandbox' | 'local' | 'staging' | 'production' | 'custom'
  >,
  silenceMs: fc.option(fc.integer({ min: 1, max: 90000 }), { nil: undefined }),
  elapsedMs: fc.option(fc.nat(3_000_000), { nil: undefined })
})

describe('diagnose: properties over arbitrary record sequences', () => {
  it('never throws, and every diagnosis is well formed', () => {
    fc.assert(
      fc.property(session, context, (records, ctx) => {
        const diagnosis = diagnose(applyRecords(createSessionModel('p'), records), ctx)
        // Sorted most severe first.
        const severities = diagnosis.findings.map((finding) => SEVERITY[finding.severity])
        expect(severities).toEqual([...severities].sort((a, b) => a - b))
        // Components from the list; codes unique and prefixed by their component.
        for (const finding of diagnosis.findings) {
          expect(COMPONENTS).toContain(finding.component)
          expect(finding.code.startsWith(`${finding.component}.`)).toBe(true)
        }
        expect(new Set(diagnosis.findings.map((finding) => finding.code)).size).toBe(
          diagnosis.findings.length
        )
        // The verdict follows the findings.
        const expected = diagnosis.findings.some((f) => f.severity === 'error')
          ? 'failing'
          : diagnosis.findings.some((f) => f.severity === 'warning')
            ? 'degraded'
            : 'healthy'
        expect(diagnosis.verdict).toBe(expected)
        // The grid has every component, and every finding shows in its cell.
        expect(Object.keys(diagnosis.components)).toEqual([...COMPONENTS])
        for (const finding of diagnosis.findings)
          expect(diagnosis.components[finding.component].findingCodes).toContain(finding.code)
        expect(diagnosis.summary.length).toBeGreaterThan(0)
        expect(diagnosis.summary).not.toMatch(/\n/)
      }),
      { numRuns: 400 }
    )
  })

  it('is deterministic and independent of batching', () => {
    fc.assert(
      fc.property(session, context, fc.integer({ min: 1, max: 7 }), (records, ctx, batch) => {
        const once = applyRecords(createSessionModel('p'), records)
        let batched = createSessionModel('p')
        for (let i = 0; i < records.length; i += batch)
          batched = applyRecords(batched, records.slice(i, i + batch))
        expect(diagnose(batched, ctx)).toEqual(diagnose(once, ctx))
      }),
      { numRuns: 150 }
    )
  })
})
