import { ContractError, type SandboxStatus } from '../../shared/api/contract'
import {
  SANDBOX_FAULTS,
  SANDBOX_GENERATIONS,
  startSandbox,
  type Sandbox,
  type SandboxGeneration,
  type SandboxOptions,
  type TriageOrder
} from '../sandbox'
import { TRIAGE_ORDERS } from './sandbox-catalog'

/** A requested change of the sandbox's behaviour (ids not yet validated). */
export type SandboxSettingsPatch = { generation?: string; faults?: string[]; triage?: string }

function validate(patch: SandboxSettingsPatch): { generation?: SandboxGeneration; faults?: string[]; triage?: TriageOrder } {
  const generation = patch.generation
  if (generation !== undefined && !SANDBOX_GENERATIONS.some((known) => known.id === generation))
    throw new ContractError('invalid-request', `unknown sandbox generation "${generation}"; one of: ${SANDBOX_GENERATIONS.map((g) => g.id).join(', ')}`)
  const knownFaults = new Set(SANDBOX_FAULTS.map((fault) => fault.id))
  const unknown = (patch.faults ?? []).filter((fault) => !knownFaults.has(fault.split(':')[0]))
  if (unknown.length) throw new ContractError('invalid-request', `unknown sandbox fault(s): ${unknown.join(', ')}`)
  const triage = patch.triage
  if (triage !== undefined && !TRIAGE_ORDERS.some((order) => order.id === triage))
    throw new ContractError('invalid-request', `unknown triage order "${triage}"; one of: ${TRIAGE_ORDERS.map((o) => o.id).join(', ')}`)
  return { generation: generation as SandboxGeneration | undefined, faults: patch.faults, triage: triage as TriageOrder | undefined }
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

  /** Change generation, faults or triage; applies to connections opened afterwards. */
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
      triage: options.triage ?? 'insufficient'
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
