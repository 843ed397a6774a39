import type { FrameRecord } from '../../../../shared/api/frame-record'
import { sandboxHealth } from '../../../../shared/diagnosis/testing/sandbox-wire'
import { SessionBuilder, WALL_CLOCK } from '../../../../shared/diagnosis/testing/session-builder'

/** The builder sessions' wall clock: tests of live sessions pin "now" near it. */
export { WALL_CLOCK }

/** Session start, token, DNS/TCP and the sandbox's health answers: what every sandbox session begins with. */
export function preflightedSandbox(faults: string[] = []): SessionBuilder {
  const builder = new SessionBuilder({ kind: 'sandbox', name: 'Sandbox' }).start().token().reachable()
  return sandboxHealth(builder, new Set(faults)).wait(5)
}

/** Three attempts against a gateway that answers 503 twice, then lets the third through. */
export function retriedSession(): FrameRecord[] {
  const builder = new SessionBuilder({ kind: 'staging', name: 'Staging', url: 'wss://staging.example/ws' })
    .start()
    .token({ env: 'staging' })
    .reachable()
    .attempt(1, 3)
    .refused(503, 'Service Unavailable')
    .wait(1000)
    .attempt(2, 3, 1000)
    .refused(503, 'Service Unavailable')
    .wait(1000)
    .attempt(3, 3, 1000)
    .accepted()
    .wait(2)
    .greeting()
  return builder.records
}

/** A run the user walked away from: the client closed before the answer (a note, not a fault). */
export function abandonedSession(): FrameRecord[] {
  return preflightedSandbox()
    .accepted()
    .wait(2)
    .greeting()
    .wait(5)
    .ask()
    .wait(3)
    .agentEvent('agent_started', 'run_1', 'Supervisor', 'sandbox-user-001')
    .wait(2000)
    .close(1000, 'user disconnect', 'client').records
}

/** A port-forwarded staging server on 127.0.0.1: the server's word says staging, the URL says local. */
export function portForwardedStagingSession(): FrameRecord[] {
  const builder = new SessionBuilder({ kind: 'local', name: 'Staging via port-forward', url: 'ws://127.0.0.1:8000/ws' })
    .start()
    .token({ env: 'staging' })
    .reachable()
    .http('GET /health/ready', 200, { status: 'ready', environment: 'staging', core_db: 'connected', redis_db: 'connected' })
    .wait(5)
    .accepted()
    .wait(2)
    .greeting()
    .wait(5)
    .ask()
    .wait(3)
  return builder.run(['triage', 'data_helper', 'reporting']).wait(10).close(1000, 'done', 'client').records
}

/** A live session whose run has just started: the answer is awaited. */
export function runningSession(): FrameRecord[] {
  return preflightedSandbox().accepted().wait(2).greeting().wait(5).ask().wait(3).agentEvent('agent_started', 'run_1', 'Supervisor', 'sandbox-user-001').records
}
