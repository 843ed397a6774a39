/** Counters behind `/ws/stats`, shared by every connection of one sandbox. */
export class SandboxStats {
  readonly startedAt = Date.now()
  activeConnections = 0
  totalConnections = 0
  refusedUpgrades = 0
  messagesReceived = 0
  messagesSent = 0
  runsStarted = 0

  /** The `/ws/stats` body. */
  toJson(): Record<string, unknown> {
    return {
      active_connections: this.activeConnections,
      total_connections: this.totalConnections,
      refused_upgrades: this.refusedUpgrades,
      messages_received: this.messagesReceived,
      messages_sent: this.messagesSent,
      runs_started: this.runsStarted,
      uptime_seconds: Math.round((Date.now() - this.startedAt) / 1000),
      timestamp: new Date().toISOString()
    }
  }
}
