/** How a probe ended; `cut-off` only for a replayed recording that ends without its close. */
export type ProbeOutcome = 'completed' | 'refused' | 'closed' | 'timeout' | 'error' | 'cut-off'

import type { Awaiting, Component, ComponentStatus, Finding, Verdict } from '../../shared/diagnosis'

/**
 * The probe's JSON object: QA and CI parse it, so fields are only ever added, never renamed.
 * `t` values are milliseconds since the session started.
 */
export type ProbeResult = {
  environment: string
  /** The backend's id of the probed session. */
  sessionId: string
  url: string
  outcome: ProbeOutcome
  handshake: {
    ok: boolean
    status: number | null
    subprotocol: string | null
    ms: number | null
    error: string | null
    /** The start of a refused upgrade's body (what the server said about why; redacted), else null. */
    body: string | null
  }
  events: Array<{ type: string; run_id: string | null; agent_name: string | null; t: number }>
  runs: Array<{
    run_id: string
    status: string
    agents: Array<{ name: string; critical: Record<string, boolean> }>
    ms: number
  }>
  close: { code: number; reason: string; meaning: string; name: string; initiator: string; clean: boolean } | null
  durationMs: number
  /** healthy, degraded or failing (decides the exit status: 0, 1, 3). */
  verdict: Verdict
  /** One paragraph: what went wrong, where, and what to do next. */
  summary: string
  /** Most severe first; each carries `confidence`: certain, likely or possible. */
  findings: Finding[]
  /** Every component's health. */
  components: Record<string, ComponentStatus>
  /**
   * Where the health endpoints were probed, and where that base came from: the environment's
   * settings, `--http-base`, derived from the WebSocket URL (same origin), or none (not probed).
   */
  httpBase: { url: string | null; source: HttpBaseSource }
  /** Set when the probe ended with the answer still awaited within its budget. */
  awaiting: Awaiting | null
  /** Components that explain the problem equally well (empty when one clearly leads). */
  contenders: Component[]
  /**
   * Set when the records end without the connection's close (a replayed recording cut off by a
   * crash or kill): the last record's seq, `t`, and its wall-clock time (ISO) when known. A live
   * probe always waits for its close, so it is null there.
   */
  cutOff: { seq: number; t: number; at: string | null } | null
}

/** Where the probe's HTTP base came from. */
export type HttpBaseSource = 'environment' | 'given' | 'derived' | 'none'
