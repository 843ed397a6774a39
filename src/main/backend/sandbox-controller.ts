import { ContractError, type SandboxStatus } from '../../shared/api/contract'
import {
  SANDBOX_EVENT_STYLES,
  SANDBOX_GENERATIONS,
  SANDBOX_TRIAGE_ORDERS,
  faultProblem,
  isSandboxEventStyle,
  isSandboxGeneration,
  isTriageOrder,
  startSandbox,
  type Sandbox,
  type SandboxEventStyle,
  type SandboxGeneration,
  type SandboxOptions,
  type TriageOrder
} from '../sandbox'

/** A requested change of the sandbox's behaviour (ids not yet validated). */
export type SandboxSettingsPatch = { generation?: string; faults?: string[]; triage?: string; eventStyle?: string }

function validate(patch: SandboxSettingsPatch): { generation?: SandboxGeneration; faults?: string[]; triage?: TriageOrder; eventStyle?: SandboxEventStyle } {
  const { generation, faults, triage, eventStyle } = patch
  if (generation !== undefined && !isSandboxGeneration(generation))
    throw new ContractError('invalid-request', `unknown sandbox generation "${generation}"; one of: ${SANDBOX_GENERATIONS.map((g) => g.id).join(', ')}`)
  const problems = (faults ?? []).map(faultProblem).filter((problem) => problem !== null)
  const unknown = problems.filter((problem) => problem.kind === 'unknown-fault').map((problem) => problem.entry)
  if (unknown.length) throw new ContractError('invalid-request', `unknown sandbox fault(s): ${unknown.join(', ')}`)
  if (problems.length)
    throw new ContractError('invalid-request', `bad fault parameter(s): ${problems.map((problem) => problem.entry).join(', ')} (only slow-llm takes one: slow-llm:<ms>)`)
  if (triage !== undefined && !isTriageOrder(triage))
    throw new ContractError('invalid-request', `unknown triage order "${triage}"; one of: ${SANDBOX_TRIAGE_ORDERS.map((o) => o.id).join(', ')}`)
  if (eventStyle !== undefined && !isSandboxEventStyle(eventStyle))
    throw new ContractError('invalid-request', `unknown sandbox event style "${eventStyle}"; one of: ${SANDBOX_EVENT_STYLES.map((s) => s.id).join(', ')}`)
  return { generation, faults, triage, eventStyle }
}

/**
 * Owns the embedded sandbox: started on first use, reconfigured from the UI, stopped with the backend.
 * Concurrent first uses share one start; settings chosen before the start apply to it.
 */
export class SandboxController {
  private sandbox: Sandbox | null = null
  private starting: Promise<Sandbox> | null = null
  private settings: SandboxOptions

  constructor(options: SandboxOptions = {}) {
    this.settings = { ...options }
  }

  /** The running sandbox, starting it if needed. */
  async ensure(): Promise<Sandbox> {
    if (this.sandbox) return this.sandbox
    this.starting ??= startSandbox(this.settings).then(
      (sandbox) => (this.sandbox = sandbox),
      (error: unknown) => {
        this.starting = null
        throw new Error(`the embedded sandbox could not start: ${error instanceof Error ? error.message : String(error)}`)
      }
    )
    return this.starting
  }

  /** The sandbox if it runs, without starting it. */
  get current(): Sandbox | null {
    return this.sandbox
  }

  /** Change generation, faults, triage or event style; applies to connections opened afterwards. */
  configure(patch: SandboxSettingsPatch): SandboxStatus {
    const valid = validate(patch)
    const defined = Object.fromEntries(Object.entries(valid).filter(([, value]) => value !== undefined))
    this.settings = { ...this.settings, ...defined }
    this.sandbox?.configure(defined)
    return this.status()
  }

  /** What the UI shows about the sandbox. */
  status(): SandboxStatus {
    const sandbox = this.sandbox
    const options = sandbox?.options ?? this.settings
    return {
      running: sandbox !== null,
      wsUrl: sandbox?.wsUrl ?? null,
      httpUrl: sandbox?.httpUrl ?? null,
      authUrl: sandbox?.authUrl ?? null,
      generation: options.generation ?? 'beta-17',
      faults: [...(options.faults ?? [])],
      triage: options.triage ?? 'insufficient',
      eventStyle: options.eventStyle ?? 'wrapped'
    }
  }

  /** Stop the sandbox if it runs. */
  async stop(): Promise<void> {
    const sandbox = this.sandbox ?? (this.starting ? await this.starting.catch(() => null) : null)
    this.sandbox = null
    this.starting = null
    await sandbox?.stop()
  }
}
