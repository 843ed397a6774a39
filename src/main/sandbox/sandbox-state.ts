import type { Duplex } from 'node:stream'
import type { SandboxConnection } from './connection'
import type { SandboxStats } from './stats'
import type { TicketStore } from './tickets'
import type { ResolvedSandboxOptions } from './types'

/** The mutable state one running sandbox shares between its HTTP routes, upgrades and auth service. */
export interface SandboxState {
  options: ResolvedSandboxOptions
  readonly stats: SandboxStats
  readonly tickets: TicketStore
  readonly connections: Set<SandboxConnection>
  /** Raw sockets of upgrades still being decided: stop() ends them first. */
  readonly pendingUpgrades: Set<Duplex>
  /** Every upgrade socket until it closes (refused ones linger until the client hangs up): stop() ends them last. */
  readonly upgradeSockets: Set<Duplex>
  stopping: boolean
  /** `ws://host:port` of the API server. */
  wsBase: string
}
