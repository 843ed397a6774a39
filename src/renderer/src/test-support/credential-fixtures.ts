import type { Environment } from '../../../shared/api/contract'
import type { CredentialInfo, KeychainStatus } from '../../../shared/api/credential-schemas'
import { DEFAULT_SLA, defaultRetries } from '../../../shared/environments'
import type { FakeHandlers } from './fake-contract-client'
import { SANDBOX_ENVIRONMENT, STARTUP_HANDLERS } from './sandbox-fixtures'

/** A built-in remote environment as `environments.list` reports it. */
function builtIn(
  id: 'local' | 'staging' | 'production',
  name: string,
  host: string,
  auth: string
): Environment {
  return {
    id,
    name,
    kind: id,
    wsUrl: `${id === 'local' ? 'ws' : 'wss'}://${host}/ws`,
    httpBase: `${id === 'local' ? 'http' : 'https'}://${host}`,
    authBase: auth,
    authMethod: 'subprotocol',
    builtIn: true,
    subprotocolStyle: 'jwt',
    retries: defaultRetries(id),
    sla: { ...DEFAULT_SLA },
    expectedGeneration: null,
    customized: false
  }
}

/** The built-in local environment. */
export const LOCAL_ENVIRONMENT = builtIn('local', 'Local', 'localhost:8000', 'http://localhost:8081')
/** The built-in staging environment. */
export const STAGING_ENVIRONMENT = builtIn(
  'staging',
  'Staging',
  'api.staging.netrasystems.ai',
  'https://auth.staging.netrasystems.ai'
)
/** The built-in production environment. */
export const PRODUCTION_ENVIRONMENT = builtIn(
  'production',
  'Production',
  'api.netrasystems.ai',
  'https://auth.netrasystems.ai'
)

/** A user-defined environment. */
export const CUSTOM_ENVIRONMENT: Environment = {
  ...STAGING_ENVIRONMENT,
  id: 'acme',
  name: 'Acme',
  kind: 'custom',
  wsUrl: 'wss://netra.acme.example/ws',
  httpBase: 'https://netra.acme.example',
  authBase: null,
  builtIn: false,
  retries: defaultRetries('custom')
}

/** Every environment, sandbox first, as the backend lists them. */
export const ALL_ENVIRONMENTS: Environment[] = [
  SANDBOX_ENVIRONMENT,
  LOCAL_ENVIRONMENT,
  STAGING_ENVIRONMENT,
  PRODUCTION_ENVIRONMENT,
  CUSTOM_ENVIRONMENT
]

/** What `credentials.list` says when there is no D-Bus session (the e2e host's situation). */
export const KEYCHAIN_UNAVAILABLE: KeychainStatus = {
  available: false,
  reason: 'no-dbus-session',
  cause:
    'no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is unset or dead), so the Secret Service cannot be reached',
  fix: 'run inside a desktop login session, or start one for this shell: dbus-run-session -- bash',
  memoryFallback: false
}

/** A working keychain. */
export const KEYCHAIN_AVAILABLE: KeychainStatus = {
  available: true,
  reason: null,
  cause: null,
  fix: null,
  memoryFallback: false
}

/** An access token credential for production, valid for an hour unless told otherwise. */
export function credential(overrides: Partial<CredentialInfo> = {}): CredentialInfo {
  const expiresAt = Date.now() + 3_600_000
  return {
    id: 'c-prod',
    label: 'customer 4711',
    kind: 'access-token',
    environmentId: 'production',
    createdAt: Date.now() - 60_000,
    storage: 'keychain',
    claims: {
      sub: 'user-4711',
      email: 'ana@customer.example',
      env: 'production',
      exp: Math.floor(expiresAt / 1000)
    },
    expiresAt,
    expiry: 'valid',
    ...overrides
  }
}

/** Start-up answers plus every environment and the given credentials. */
export function settingsHandlers(
  credentials: CredentialInfo[] = [],
  keychain: KeychainStatus = KEYCHAIN_AVAILABLE
): FakeHandlers {
  return {
    ...STARTUP_HANDLERS,
    'environments.list': () => ({ environments: ALL_ENVIRONMENTS, defaultId: 'sandbox' }),
    'credentials.list': () => ({ credentials, keychain })
  }
}
