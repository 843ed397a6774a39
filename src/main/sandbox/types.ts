import type { TokenClaims } from './tokens'

/** Which backend generation the sandbox imitates (PROTOCOL.md preamble). */
export type SandboxGeneration = 'beta-10' | 'component-codes' | 'beta-17' | 'handshake'

/** How triage judges the user's data, which decides the agent order (PROTOCOL.md §4). */
export type TriageOrder = 'sufficient' | 'partial' | 'insufficient' | 'unknown'

/**
 * How agent events are spread over a run. `wrapped` (the default) is PROTOCOL.md §4: the Supervisor
 * wraps the run with only its own `agent_started` … `agent_completed`, and an agent that calls no
 * tool sends no tool events. `five-from-every-agent` is the older sandbox stream in which every
 * agent, the Supervisor included, sends all five critical events.
 */
export type SandboxEventStyle = 'wrapped' | 'five-from-every-agent'

/**
 * A seam for tests that change the wire without changing its meaning: called with every JSON
 * frame the sandbox is about to send (greeting, agent events, errors, acks, flood chunks), it
 * returns the frames to send instead, in order — one frame in, zero or more out. Raw text frames
 * (the malformed-JSON fault) bypass it. Throwing from it is a bug in the test: the connection drops.
 */
export type ServerFrameTransform = (frame: Record<string, unknown>) => Record<string, unknown>[]

/** Server environment; a token's `env` claim must match it. */
export type SandboxEnvironment = 'development' | 'staging' | 'production' | 'test'

/** Options of `startSandbox`; every field is optional. */
export interface SandboxOptions {
  host?: string
  /** HTTP API and WebSocket share this port; 0 picks a free one. */
  port?: number
  /** The auth service listens on its own port; 0 picks a free one. */
  authPort?: number
  generation?: SandboxGeneration
  /** Fault ids from `SANDBOX_FAULTS`; `slow-llm:<ms>` overrides the slow step's delay. */
  faults?: string[]
  triage?: TriageOrder
  jwtSecret?: string
  simulationKey?: string
  environment?: SandboxEnvironment
  /** Pause between agent events in milliseconds. */
  stepDelayMs?: number
  /** How agent events are spread over a run; `wrapped` (PROTOCOL.md §4) by default. */
  eventStyle?: SandboxEventStyle
  /** Rewrites every JSON frame before it is sent (see ServerFrameTransform); none by default. */
  transformServerFrame?: ServerFrameTransform | null
}

/** Options with every default filled in; ports are the ones actually bound. */
export type ResolvedSandboxOptions = Required<SandboxOptions>

/** What `configure` may change; applies to connections opened afterwards. */
export interface SandboxPatch {
  generation?: SandboxGeneration
  faults?: string[]
  triage?: TriageOrder
  stepDelayMs?: number
  eventStyle?: SandboxEventStyle
}

/** A running sandbox. */
export interface Sandbox {
  /** `ws://HOST:PORT/ws` */
  readonly wsUrl: string
  /** `http://HOST:PORT` */
  readonly httpUrl: string
  /** `http://HOST:AUTHPORT` */
  readonly authUrl: string
  readonly jwtSecret: string
  readonly simulationKey: string
  /** The current options (a fresh snapshot on every read). */
  readonly options: Readonly<ResolvedSandboxOptions>
  /** Mint a valid HS256 access token for this sandbox; a claim given as `undefined` is left out. */
  mintToken(claims?: Partial<TokenClaims>, opts?: { expiresInSeconds?: number }): Promise<string>
  /** Change generation, faults, triage, pacing or event style for connections opened from now on. */
  configure(patch: SandboxPatch): void
  /** Close every socket and both servers; safe to call more than once. */
  stop(): Promise<void>
}
