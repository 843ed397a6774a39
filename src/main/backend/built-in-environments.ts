import type { Environment } from '../../shared/api/contract'
import { withEnvironmentDefaults } from '../../shared/environments/environment-defaults'

/** Id of the embedded sandbox environment, the default for every new user. */
export const SANDBOX_ENVIRONMENT_ID = 'sandbox'

/**
 * The environments every installation knows (PROTOCOL.md §1).
 * The sandbox's URLs are filled in once it has started, because its ports are picked then.
 * Retries, SLA thresholds and subprotocol style come from the kind's defaults; the user's edits
 * are stored as overrides (src/main/settings/environment-store.ts).
 */
export function builtInEnvironments(): Environment[] {
  const seeds: Array<Omit<Environment, 'subprotocolStyle' | 'retries' | 'sla' | 'expectedGeneration' | 'customized'>> = [
    {
      id: SANDBOX_ENVIRONMENT_ID,
      name: 'Sandbox (embedded)',
      kind: 'sandbox',
      wsUrl: null,
      httpBase: null,
      authBase: null,
      authMethod: 'subprotocol',
      builtIn: true
    },
    {
      id: 'local',
      name: 'Local',
      kind: 'local',
      wsUrl: 'ws://localhost:8000/ws',
      httpBase: 'http://localhost:8000',
      authBase: 'http://localhost:8081',
      authMethod: 'subprotocol',
      builtIn: true
    },
    {
      id: 'staging',
      name: 'Staging',
      kind: 'staging',
      wsUrl: 'wss://api.staging.netrasystems.ai/ws',
      httpBase: 'https://api.staging.netrasystems.ai',
      authBase: 'https://auth.staging.netrasystems.ai',
      authMethod: 'subprotocol',
      builtIn: true
    },
    {
      id: 'production',
      name: 'Production',
      kind: 'production',
      wsUrl: 'wss://api.netrasystems.ai/ws',
      httpBase: 'https://api.netrasystems.ai',
      authBase: 'https://auth.netrasystems.ai',
      authMethod: 'subprotocol',
      builtIn: true
    }
  ]
  return seeds.map((seed) => withEnvironmentDefaults(seed))
}
