import type { EnvironmentKind, FrameRecord, FrameRecordDraft, TokenRecord } from '../../api/frame-record'
import { CRITICAL_EVENTS } from '../../protocol/agent-event'
import { applyRecords, createSessionModel, type SessionModel } from '../../session-model'

/** Epoch ms every builder session starts at (2025-09-14T10:00:00Z), so tests are deterministic. */
export const WALL_CLOCK = Date.UTC(2025, 8, 14, 10, 0, 0)

type Claims = TokenRecord['claims']

/** Options of one agent inside a built run. */
export type AgentScript = {
  name: string
  /** Critical events this agent does not send. */
  skip?: string[]
  /** Extra delay (ms) before the named event type. */
  delayBefore?: Partial<Record<string, number>>
  /** Replace the run's user_id/run_id on the named event types (a leak). */
  foreign?: Partial<Record<string, { userId: string; runId: string }>>
  /** Stop after this event type, optionally sending one more event instead. */
  stopAfter?: string
  then?: Record<string, unknown>
  /** Raw text frames to send right after the named event type (e.g. a truncated frame). */
  rawAfter?: Partial<Record<string, string>>
}

/**
 * Builds a session's records by hand, stamping `seq` and a controllable clock `t`, and folds
 * them with the real reducer. Every test of the rules starts here.
 */
export class SessionBuilder {
  readonly records: FrameRecord[] = []
  private seq = 0
  private clock = 0

  constructor(
    private readonly environment: {
      kind: EnvironmentKind
      name?: string
      url?: string
      wrapped?: boolean
    } = { kind: 'sandbox' }
  ) {}

  /** Advance the clock. */
  wait(ms: number): this {
    this.clock += ms
    return this
  }

  /** The current clock (ms since session start). */
  get now(): number {
    return this.clock
  }

  /** Append a record at the current clock. */
  push(draft: FrameRecordDraft): this {
    this.records.push({ ...draft, seq: this.seq++, t: this.clock } as FrameRecord)
    return this
  }

  /** The `session-start` record. */
  start(authMethod: 'subprotocol' | 'header' | 'ticket' | 'query' | 'none' = 'subprotocol'): this {
    const url = this.environment.url ?? 'ws://127.0.0.1:8000/ws'
    return this.push({
      kind: 'session-start',
      dir: 'local',
      wallClock: WALL_CLOCK,
      environment: {
        id: this.environment.kind,
        name: this.environment.name ?? this.environment.kind,
        kind: this.environment.kind
      },
      url,
      authMethod
    })
  }

  /** A `token` record: a valid sandbox token unless claims are overridden (times in epoch seconds). */
  token(claims: Partial<Claims> = {}, decodable = true): this {
    const now = WALL_CLOCK / 1000
    const full: Claims = {
      sub: 'sandbox-user-001',
      email: 'sandbox.user@netrasystems.ai',
      env: 'development',
      iss: 'netra-auth-service',
      aud: 'netra-platform',
      token_type: 'access',
      iat: now - 60,
      exp: now + 7140,
      hasJti: true,
      ...claims
    }
    return this.push({ kind: 'token', dir: 'local', source: 'sandbox-minted', decodable, claims: full })
  }

  /** One preflight record. */
  preflight(draft: Omit<Extract<FrameRecordDraft, { kind: 'preflight' }>, 'kind' | 'dir'>): this {
    return this.push({ kind: 'preflight', dir: 'local', ...draft })
  }

  /** An HTTP preflight record with a JSON body. */
  http(
    name: string,
    status: number | null,
    body: unknown,
    extra: { error?: string | null; text?: string; ms?: number; timedOut?: boolean } = {}
  ): this {
    const path = name.replace(/^(auth )?GET /, '')
    const detail: Record<string, unknown> = { url: `http://127.0.0.1:8000${path}` }
    if (body !== undefined) detail.body = body
    if (extra.text !== undefined) detail.text = extra.text
    if (extra.timedOut) detail.timedOut = true
    return this.preflight({
      check: 'http',
      name,
      target: detail.url as string,
      ok: status !== null && status < 400,
      ms: extra.ms ?? 3,
      status,
      detail,
      error: extra.error ?? null
    })
  }

  /** DNS and TCP preflight that succeeded on loopback. */
  reachable(): this {
    this.preflight({
      check: 'dns',
      name: 'dns',
      target: '127.0.0.1',
      ok: true,
      ms: 0.2,
      status: null,
      detail: { host: '127.0.0.1', addresses: [{ address: '127.0.0.1', family: 4 }] },
      error: null
    })
    return this.preflight({
      check: 'tcp',
      name: 'tcp',
      target: '127.0.0.1:8000',
      ok: true,
      ms: 0.4,
      status: null,
      detail: { host: '127.0.0.1', port: 8000 },
      error: null
    })
  }

  /** An `attempt` marker. */
  attempt(attempt: number, of: number, delayMs = 0): this {
    return this.push({ kind: 'attempt', dir: 'local', attempt, of, delayMs })
  }

  /** A successful upgrade. */
  accepted(subprotocol: string | null = 'jwt.«redacted»', ms = 3): this {
    return this.push({
      kind: 'handshake',
      dir: 'local',
      ok: true,
      url: 'ws://127.0.0.1:8000/ws',
      status: 101,
      statusText: 'Switching Protocols',
      subprotocolsOffered: subprotocol ? [subprotocol] : [],
      subprotocol,
      requestHeaders: {},
      responseHeaders: {},
      body: null,
      ms,
      error: null
    })
  }

  /** A refused upgrade followed by the local 1006 close the live session records. */
  refused(
    status: number | null,
    body: unknown,
    options: { offered?: string[]; error?: string; headers?: Record<string, string> } = {}
  ): this {
    const text = body === null ? null : typeof body === 'string' ? body : JSON.stringify(body)
    this.push({
      kind: 'handshake',
      dir: 'local',
      ok: false,
      url: 'ws://127.0.0.1:8000/ws',
      status,
      statusText: status === null ? null : 'Refused',
      subprotocolsOffered: options.offered ?? ['jwt.«redacted»'],
      subprotocol: null,
      requestHeaders: {},
      responseHeaders: options.headers ?? {},
      body: text,
      ms: 4,
      error: options.error ?? `server refused the upgrade: HTTP ${status}`
    })
    return this.push({ kind: 'close', dir: 'local', code: 1006, reason: '', initiator: 'none', clean: false })
  }

  /** An inbound text frame (objects are serialised). */
  incoming(message: unknown): this {
    const data = typeof message === 'string' ? message : JSON.stringify(message)
    return this.push({ kind: 'message', dir: 'in', opcode: 1, encoding: 'utf8', data, size: data.length })
  }

  /** An outbound text frame. */
  outgoing(message: unknown): this {
    const data = typeof message === 'string' ? message : JSON.stringify(message)
    return this.push({ kind: 'message', dir: 'out', opcode: 1, encoding: 'utf8', data, size: data.length })
  }

  /** The server's `connection_established`. */
  greeting(userId = 'sandbox-user-001'): this {
    return this.incoming({
      type: 'connection_established',
      data: {
        mode: 'main',
        user_id: userId,
        connection_id: 'conn_1',
        golden_path_events: [...CRITICAL_EVENTS]
      },
      timestamp: WALL_CLOCK / 1000,
      server_id: null,
      correlation_id: null
    })
  }

  /** The client's `user_message`. */
  ask(content = 'Analyse my cloud costs'): this {
    return this.outgoing({ type: 'user_message', payload: { content, thread_id: null } })
  }

  /** A close record. */
  close(
    code: number,
    reason: string,
    initiator: 'client' | 'server' | 'none',
    clean = initiator !== 'none'
  ): this {
    return this.push({
      kind: 'close',
      dir: initiator === 'server' ? 'in' : 'local',
      code,
      reason,
      initiator,
      clean
    })
  }

  /** A flat (beta-17) agent event. */
  agentEvent(
    type: string,
    runId: string,
    agentName: string,
    userId: string,
    data: Record<string, unknown> = {}
  ): this {
    const tool =
      type === 'tool_executing' || type === 'tool_completed' ? { tool_name: `${agentName}_tool` } : {}
    if (this.environment.wrapped) {
      // beta-10: system_message / agent_progress wrappers, the real name in data.event.
      const wrapper = ['agent_started', 'agent_completed', 'agent_error', 'agent_death'].includes(type)
        ? 'system_message'
        : 'agent_progress'
      const payload = {
        run_id: runId,
        user_id: userId,
        thread_id: 'thread_1',
        agent_name: agentName,
        ...tool,
        data: { status: type, ...data },
        timestamp: (WALL_CLOCK + this.clock) / 1000
      }
      return this.incoming({
        type: wrapper,
        event: wrapper,
        data: { event: type, payload },
        timestamp: (WALL_CLOCK + this.clock) / 1000
      })
    }
    return this.incoming({
      type,
      run_id: runId,
      user_id: userId,
      thread_id: 'thread_1',
      agent_name: agentName,
      timestamp: new Date(WALL_CLOCK + this.clock).toISOString(),
      ...tool,
      data: { status: type.replace(/^agent_|^tool_/, ''), ...data }
    })
  }

  /**
   * A Supervisor run like the sandbox's pipeline: the Supervisor's first three events, each
   * agent's five, then the Supervisor's last two — `stepMs` apart. Returns false from the
   * agent loop when an agent stops the run.
   */
  run(
    agents: Array<string | AgentScript>,
    options: {
      runId?: string
      userId?: string
      stepMs?: number
      stopBeforeSupervisorEnd?: boolean
      supervisorStopAfter?: string
    } = {}
  ): this {
    const runId = options.runId ?? 'run_1'
    const userId = options.userId ?? 'sandbox-user-001'
    const step = options.stepMs ?? 40
    const send = (
      type: string,
      agent: string,
      user = userId,
      run = runId,
      data: Record<string, unknown> = {}
    ): void => {
      this.agentEvent(type, run, agent, user, data)
      this.wait(step)
    }
    send('agent_started', 'Supervisor')
    if (options.supervisorStopAfter === 'agent_started') return this
    send('agent_thinking', 'Supervisor')
    send('tool_executing', 'Supervisor')
    for (const entry of agents) {
      const script: AgentScript = typeof entry === 'string' ? { name: entry } : entry
      for (const type of CRITICAL_EVENTS) {
        if (script.skip?.includes(type)) continue
        this.wait(script.delayBefore?.[type] ?? 0)
        const foreign = script.foreign?.[type]
        send(type, script.name, foreign?.userId ?? userId, foreign?.runId ?? runId)
        const raw = script.rawAfter?.[type]
        if (raw !== undefined) this.incoming(raw)
        if (script.stopAfter === type) {
          if (script.then) {
            this.incoming({
              run_id: runId,
              user_id: userId,
              agent_name: script.name,
              timestamp: new Date(WALL_CLOCK + this.clock).toISOString(),
              ...script.then
            })
            this.wait(step)
          }
          return this
        }
      }
    }
    if (options.stopBeforeSupervisorEnd) return this
    send('tool_completed', 'Supervisor')
    send('agent_completed', 'Supervisor', userId, runId, { result: { orchestration_successful: true } })
    return this
  }

  /** Fold the records with the real reducer. */
  model(): SessionModel {
    return applyRecords(createSessionModel('test'), this.records)
  }
}
