import type { TokenClaims } from './tokens'

/** Which backend generation the sandbox imitates (PROTOCOL.md preamble). */
export type SandboxGeneration = 'beta-10' | 'component-codes' | 'beta-17' | 'handshake'

/** How triage judges the user's data, which decides the agent order (PROTOCOL.md §4). */
export type TriageOrder = 'sufficient' | 'partial' | 'insufficient' | 'unknown'

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
  /**
   * Rewrite every JSON frame the server sends into zero or more frames (tests use it to make the
   * sandbox speak like another server without a generation of its own). Identity when absent.
   */
  transformServerFrame?: (json: Record<string, unknown>) => Record<string, unknown>[]
}

/** Options with every default filled in; ports are the ones actually bound. */
export type ResolvedSandboxOptions = Required<Omit<SandboxOptions, 'transformServerFrame'>> &
  Pick<SandboxOptions, 'transformServerFrame'>

/** What `configure` may change; applies to connections opened afterwards. */
export interface SandboxPatch {
  generation?: SandboxGeneration
  faults?: string[]
  triage?: TriageOrder
  stepDelayMs?: number
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
  /** Change generation, faults, triage or pacing for connections opened from now on. */
  configure(patch: SandboxPatch): void
  /** Close every socket and both servers; safe to call more than once. */
  stop(): Promise<void>
}
