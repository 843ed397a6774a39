import type { Environment, SandboxStatus } from '../../../shared/api/contract'
import { DEFAULT_SLA, defaultRetries } from '../../../shared/environments'
import type { SandboxCatalog } from '../stores/sandbox-slice'
import type { FakeHandlers } from './fake-contract-client'

/** The built-in sandbox environment as `environments.list` reports it. */
export const SANDBOX_ENVIRONMENT: Environment = {
  id: 'sandbox',
  name: 'Sandbox (embedded)',
  kind: 'sandbox',
  wsUrl: null,
  httpBase: null,
  authBase: null,
  authMethod: 'subprotocol',
  builtIn: true,
  subprotocolStyle: 'jwt',
  retries: defaultRetries('sandbox'),
  sla: { ...DEFAULT_SLA },
  expectedGeneration: null,
  customized: false
}

/** A small catalog in the shape of the real one: a generation-restricted fault among plain ones. */
export const SANDBOX_CATALOG: SandboxCatalog = {
  generations: [
    { id: 'beta-10', title: 'beta-10 (wrapped events)', description: 'Agent events wrapped in system_message / agent_progress.' },
    { id: 'component-codes', title: 'Component close codes (Sept 2025)', description: 'Close 1002–1010 with "<Component>: <message>".' },
    { id: 'beta-17', title: 'beta-17 (flat events)', description: 'The default: flat agent events with ISO timestamps.' }
  ],
  faults: [
    { id: 'token-rejected', title: 'Token rejected', description: 'Every upgrade is refused with HTTP 403 before accept.' },
    { id: 'redis-degraded', title: 'Redis degraded', description: 'database_redis degraded in /ws/health; runs still work.' },
    { id: 'try-again-1013', title: 'Try again later (1013)', description: 'Open, then close 1013 "Service temporarily unavailable".' },
    {
      id: 'redis-failure',
      title: 'Redis failure (1007)',
      description: 'component-codes: error event Redis, close 1007. Other generations: close 1011.',
      generations: ['component-codes']
    }
  ],
  triageOrders: [
    { id: 'sufficient', title: 'Data sufficient', description: 'triage → data → optimization → actions → reporting' },
    { id: 'insufficient', title: 'Data insufficient (default)', description: 'triage → data_helper → reporting' }
  ]
}

/** The sandbox's status: not started, beta-17, no faults, unless told otherwise. */
export function sandboxStatus(overrides: Partial<SandboxStatus> = {}): SandboxStatus {
  return { running: false, wsUrl: null, httpUrl: null, authUrl: null, generation: 'beta-17', faults: [], triage: 'insufficient', ...overrides }
}

/** What the window loads on start (environments, sessions, the sandbox), answered with the fixtures above. */
export const STARTUP_HANDLERS: FakeHandlers = {
  'environments.list': () => ({ environments: [SANDBOX_ENVIRONMENT], defaultId: 'sandbox' }),
  'session.list': () => ({ sessions: [] }),
  'sandbox.status': () => sandboxStatus(),
  'sandbox.catalog': () => SANDBOX_CATALOG,
  // Issue 11: the library loads at start too.
  'library.list': () => ({ entries: [], total: 0, facets: { environments: [], components: [] } }),
  'library.settings': () => ({ recordingsDir: '/data/recordings', source: 'default', recordByDefault: true, indexing: null })
}
