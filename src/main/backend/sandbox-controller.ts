import type { SandboxStatus } from '../../shared/api/contract'
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox'

/**
 * Owns the embedded sandbox: started on first use, stopped with the backend.
 * Concurrent first uses share one start.
 */
export class SandboxController {
  private sandbox: Sandbox | null = null
  private starting: Promise<Sandbox> | null = null

  constructor(private readonly options: SandboxOptions = {}) {}

  /** The running sandbox, starting it if needed. */
  async ensure(): Promise<Sandbox> {
    if (this.sandbox) return this.sandbox
    this.starting ??= startSandbox(this.options).then(
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

  /** What the UI shows about the sandbox. */
  status(): SandboxStatus {
    const sandbox = this.sandbox
    return {
      running: sandbox !== null,
      wsUrl: sandbox?.wsUrl ?? null,
      httpUrl: sandbox?.httpUrl ?? null,
      generation: sandbox?.options.generation ?? this.options.generation ?? 'beta-17'
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
