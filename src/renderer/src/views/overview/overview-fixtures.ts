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

/** An open session whose run is still going: the diagnosis adds an `info` note that it is provisional. */
export function runningSession(): FrameRecord[] {
  return preflightedSandbox().accepted().wait(2).greeting().wait(5).ask().wait(3).agentEvent('agent_started', 'run_1', 'Supervisor', 'sandbox-user-001').records
}
