import type { RawData } from 'ws'
import { runAgentPipeline, type RunRequest } from './agent-pipeline'
import type { SandboxConnection } from './connection'
import { errorEnvelope, epochSeconds } from './envelopes'
import { failComponent } from './faults/component-failures'
import { MAX_FLOOD_COUNT, MAX_FLOOD_RATE, streamFlood } from './flood'
import type { SandboxStats } from './stats'

const USER_MESSAGE_TYPES = new Set(['user_message', 'chat', 'chat_message', 'message', 'user_input'])
const START_AGENT_TYPES = new Set(['start_agent', 'execute_agent'])

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {}
}

function asString(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null
}

/** Extract the run request from a user_message (or alias) or start_agent (or execute_agent). */
function runRequestOf(type: string, message: Record<string, unknown>): RunRequest | null {
  const payload = asRecord(message.payload ?? message.data)
  const content = START_AGENT_TYPES.has(type)
    ? (asString(payload.user_request) ?? asString(payload.content))
    : (asString(payload.content) ??
      asString(payload.text) ??
      asString(message.content) ??
      asString(message.text))
  if (content === null) return null
  return { content, threadId: asString(payload.thread_id) ?? asString(message.thread_id) }
}

/**
 * Answer every client message on one connection.
 *
 * `firstRunId` is the run id the handshake announced; the first run uses it so the client
 * can match handshake_response to the events that follow.
 */
export function attachMessageHandler(
  conn: SandboxConnection,
  stats: SandboxStats,
  firstRunId: string | null
): void {
  let pendingRunId = firstRunId
  let firstMessage = true
  conn.ws.on('message', (raw: RawData, isBinary: boolean) => {
    stats.messagesReceived++
    const { faults, generation } = conn.settings
    if (firstMessage) {
      firstMessage = false
      if (faults.has('message-too-big-1009')) return conn.close(1009, 'Message too big')
      if (faults.has('message-handler-failure')) return failComponent(conn, 'message-handler-failure')
    }
    const text = isBinary ? null : raw.toString()
    let message: Record<string, unknown>
    try {
      if (text === null) throw new Error('binary frame')
      const parsed: unknown = JSON.parse(text)
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
        throw new Error('not an object')
      message = parsed as Record<string, unknown>
    } catch (error) {
      conn.send(
        errorEnvelope(
          generation,
          'JSON_PARSE_ERROR',
          'Invalid JSON message',
          { error: (error as Error).message },
          ['Send a JSON object with a "type" field']
        )
      )
      return
    }
    const type = typeof message.type === 'string' ? message.type : ''
    if (type === 'ping') {
      conn.sendEnvelope('pong', { timestamp: epochSeconds(), connection_id: conn.connectionId })
    } else if (type === 'heartbeat') {
      conn.sendEnvelope('heartbeat_ack', { timestamp: epochSeconds(), connection_id: conn.connectionId })
    } else if (type === 'heartbeat_ack') {
      // The answer to our own heartbeat: nothing to say back.
    } else if (type === 'handshake_acknowledged') {
      conn.acknowledgeHandshake()
    } else if (USER_MESSAGE_TYPES.has(type) || START_AGENT_TYPES.has(type)) {
      const request = runRequestOf(type, message)
      if (request === null) {
        conn.send({ type: 'error', message: 'Message content required' })
        return
      }
      if (pendingRunId !== null) {
        request.runId = pendingRunId
        pendingRunId = null
      }
      stats.runsStarted++
      conn.enqueue(async () => {
        await conn.handshakeDone()
        await conn.inFlight(() => runAgentPipeline(conn, request))
      })
    } else if (type === 'stop_agent') {
      conn.cancelRuns()
      conn.send({ type: 'ack', received_type: type, status: 'acknowledged' })
    } else if (type === 'flood') {
      const payload = asRecord(message.payload)
      const count = Number(payload.count)
      if (!Number.isInteger(count) || count < 1 || count > MAX_FLOOD_COUNT) {
        conn.send({ type: 'error', message: `flood count must be an integer in 1..${MAX_FLOOD_COUNT}` })
        return
      }
      // Optional pacing (frames per second), for measuring live latency at a steady rate.
      const rate = payload.rate === undefined ? undefined : Number(payload.rate)
      if (rate !== undefined && (!Number.isInteger(rate) || rate < 1 || rate > MAX_FLOOD_RATE)) {
        conn.send({ type: 'error', message: `flood rate must be an integer in 1..${MAX_FLOOD_RATE} (frames per second)` })
        return
      }
      const shape = asRecord(message.payload).shape === 'runs' ? 'runs' : 'chunks'
      conn.enqueue(() => streamFlood(conn, count, rate, shape))
    } else if (type === 'sandbox_close') {
      // Sandbox-only: lets a client observe the server-initiated normal end on demand.
      conn.endNormally()
    } else {
      conn.send({ type: 'ack', received_type: type, status: 'acknowledged' })
    }
  })
}
