/** Default text of the composer: the question a support engineer asks first. */
export const DEFAULT_USER_MESSAGE = 'Analyse my cloud costs'

/** Build a `user_message` envelope (PROTOCOL.md §3, client → server). */
export function buildUserMessage(content: string, threadId: string | null = null): string {
  return JSON.stringify({ type: 'user_message', payload: { content, thread_id: threadId } })
}

/** Build a client `ping` (the server answers `pong`). */
export function buildPing(connectionId: string | null, nowMs: number): string {
  return JSON.stringify({ type: 'ping', timestamp: nowMs / 1000, connection_id: connectionId })
}

/** Build the `heartbeat_ack` a client owes the server's `heartbeat`. */
export function buildHeartbeatAck(nowMs: number): string {
  return JSON.stringify({ type: 'heartbeat_ack', timestamp: nowMs / 1000 })
}

/** Build the sandbox's `flood` request: stream `count` frames as fast as possible. */
export function buildFlood(count: number): string {
  return JSON.stringify({ type: 'flood', payload: { count } })
}
