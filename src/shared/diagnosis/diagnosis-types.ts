import type { EnvironmentKind } from '../api/frame-record'
import type { Component } from './components'

/** How bad a finding is: `error` makes the verdict failing, `warning` degraded. */
export type Severity = 'error' | 'warning' | 'info'

/**
 * How sure a finding is of its cause: `certain` — the server said so (a close reason, an error
 * event, a refusal body, a health endpoint); `likely` — inferred from a pattern (timing, order,
 * correlation); `possible` — inferred from the absence of something (an event, an answer).
 */
export type Confidence = 'certain' | 'likely' | 'possible'

/** One piece of evidence behind a finding; `seq` points at the record it came from. */
export type Evidence = { label: string; value: string; seq?: number }

/** One conclusion drawn from the evidence, attributed to one component. */
export type Finding = {
  component: Component
  severity: Severity
  /** How the cause was established (see `Confidence`). */
  confidence: Confidence
  /** Stable machine code, `<component>.<what>`, e.g. `auth.token-expired`. */
  code: string
  title: string
  explanation: string
  evidence: Evidence[]
  nextSteps: string[]
}

/** The overall judgement of a session. */
export type Verdict = 'healthy' | 'degraded' | 'failing'

/** Status of one component in the health grid. */
export type ComponentStatus = 'ok' | 'degraded' | 'failing' | 'unknown'

/** One cell of the health grid: its status, what it was judged from, and the findings about it. */
export type ComponentHealth = {
  status: ComponentStatus
  /** Human-readable sources, e.g. `/ws/health critical_services.database_postgres: failed`. */
  sources: string[]
  findingCodes: string[]
}

/** Service levels the platform promises (PROTOCOL.md §4), in milliseconds. */
export type ServiceLevels = { dataProcessingMs: number; reportAfterDataMs: number; fullAnswerMs: number }

/** What the rules need to know beyond the records themselves. */
export type DiagnosisContext = {
  environmentKind: EnvironmentKind
  /** The `env` claim the server expects; default derived from `environmentKind` (none for sandbox/custom). */
  expectedEnv?: string | null
  /** The server generation the environment is expected to run (`beta-17`, `handshake`…); none when null or absent. */
  expectedGeneration?: string | null
  /** Epoch ms "now", for token expiry; default `model.start.wallClock` + the last record's `t`. */
  nowMs?: number
  sla?: ServiceLevels
  /** No frame from the server for this long while open counts as silence (default 45 000). */
  silenceMs?: number
  /** Session age now (ms since session start), to judge the silence of a still-open session. */
  elapsedMs?: number
  /**
   * The caller waits no longer (a probe whose time ran out): an answer still awaited counts as
   * never arrived, whatever the answer budget says.
   */
  waitOver?: boolean
}

/** The user's answer is still awaited: since when (ms since session start) and for how long. */
export type Awaiting = { sinceMs: number; elapsedMs: number; budgetMs: number }

/** The diagnosis of one session: verdict, one-paragraph summary, findings and the health grid. */
export type Diagnosis = {
  verdict: Verdict
  summary: string
  /** Most severe first, in a stable order. */
  findings: Finding[]
  components: Record<Component, ComponentHealth>
  /** Set while the user's message is sent, its run not complete and the session open, within the answer budget. */
  awaiting: Awaiting | null
  /**
   * Components that explain the problem equally well (same severity, neither certain); the top
   * finding's component first. Empty when one explanation clearly leads.
   */
  contenders: Component[]
}
