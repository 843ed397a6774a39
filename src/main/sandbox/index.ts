/** The embedded Netra-compatible sandbox server: the app's default environment and every test's backend. */
export { startSandbox } from './server'
export { SANDBOX_FAULTS, type SandboxFault } from './faults/catalog'
export { SANDBOX_GENERATIONS, isSandboxGeneration } from './generations'
export { SANDBOX_TRIAGE_ORDERS, isTriageOrder } from './triage-orders'
export { faultProblem, type FaultProblem } from './faults/fault-set'
export type {
  Sandbox,
  SandboxEnvironment,
  SandboxGeneration,
  SandboxOptions,
  SandboxPatch,
  ResolvedSandboxOptions,
  TriageOrder
} from './types'
export type { TokenClaims } from './tokens'
export { jwtSubprotocol } from './subprotocols'
