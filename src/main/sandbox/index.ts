/** The embedded Netra-compatible sandbox server: the app's default environment and every test's backend. */
export { startSandbox } from './server'
export { SANDBOX_FAULTS, type SandboxFault } from './faults/catalog'
export { SANDBOX_GENERATIONS, isSandboxGeneration } from './generations'
export { SANDBOX_TRIAGE_ORDERS, isTriageOrder } from './triage-orders'
export { SANDBOX_EVENT_STYLES, isSandboxEventStyle } from './event-styles'
export { faultProblem, type FaultProblem } from './faults/fault-set'
export type {
  Sandbox,
  SandboxEnvironment,
  SandboxEventStyle,
  SandboxGeneration,
  SandboxOptions,
  SandboxPatch,
  ResolvedSandboxOptions,
  ServerFrameTransform,
  TriageOrder
} from './types'
export type { TokenClaims } from './tokens'
export { jwtSubprotocol } from './subprotocols'
