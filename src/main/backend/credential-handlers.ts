import { ContractError, type ContractHandlers, type Environment, type EventName, type EventPayload } from '../../shared/api/contract'
import type { SecretRedactor } from '../../shared/session-log/secret-redactor'
import type { CredentialVault } from '../credentials/credential-vault'
import { MintError, mintE2eToken } from '../credentials/mint-e2e-token'
import { checkCredentialHost } from './credential-binding'

/** The `credentials.*` methods. */
export type CredentialHandlers = Pick<
  ContractHandlers,
  | 'credentials.list'
  | 'credentials.add'
  | 'credentials.rename'
  | 'credentials.remove'
  | 'credentials.use-memory-fallback'
  | 'credentials.mint-e2e'
>

/** What the credential methods need from the backend. */
export type CredentialHandlerDeps = {
  vault: CredentialVault
  redactor: SecretRedactor
  /** An environment by id; `start` starts the sandbox so its auth URL is known. Throws not-found. */
  environment(id: string, start?: boolean): Promise<Environment>
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
}

const PRODUCTION_REFUSAL =
  'E2E token minting is disabled in production (the production auth service answers 403 to /auth/e2e/test-auth): use a real access token instead'

/** Messages can quote server text or library errors: mask anything secret before it crosses the boundary. */
function redacted<A extends unknown[], R>(redactor: SecretRedactor, handler: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args) => {
    try {
      return await handler(...args)
    } catch (error) {
      if (error instanceof ContractError) throw new ContractError(error.code, redactor.redact(error.message))
      throw new ContractError('failed', redactor.redact(error instanceof Error ? error.message : String(error)))
    }
  }
}

function mintFailure(error: unknown, environment: Environment, keyLabel: string): ContractError {
  if (!(error instanceof MintError)) return new ContractError('failed', error instanceof Error ? error.message : String(error))
  if (error.status === 403 && /production/i.test(error.message)) return new ContractError('failed', `${PRODUCTION_REFUSAL} (${error.message})`)
  if (error.status === 403)
    return new ContractError('failed', `the auth service of ${environment.name} refused the simulation key "${keyLabel}" (${error.message}); check that it is this environment's key`)
  return new ContractError('failed', error.message)
}

/** Implement `credentials.*` over the vault; every change is pushed as `credentials.changed`. No result carries a secret. */
export function credentialHandlers(deps: CredentialHandlerDeps): CredentialHandlers {
  const { vault, redactor } = deps
  const changed = async (): Promise<void> => deps.emit('credentials.changed', await vault.list())

  const defaultLabel = (environmentId: string, email: string): string => {
    const base = `e2e ${email} ${new Date().toISOString().slice(11, 19)}`.slice(0, 60)
    let label = base
    for (let n = 2; vault.labelTaken(environmentId, label); n++) label = `${base} ${n}`
    return label
  }

  return {
    'credentials.list': redacted(redactor, () => vault.list()),
    'credentials.add': redacted(redactor, async (request) => {
      // The secret is masked first: even a "no such environment" error must not be able to quote it.
      redactor.add(request.secret)
      await deps.environment(request.environmentId)
      const credential = await vault.add(request)
      await changed()
      return { credential }
    }),
    'credentials.rename': redacted(redactor, async ({ id, label }) => {
      const credential = await vault.rename(id, label)
      await changed()
      return { credential }
    }),
    'credentials.remove': redacted(redactor, async ({ id }) => {
      await vault.remove(id)
      await changed()
      return { ok: true as const }
    }),
    'credentials.use-memory-fallback': redacted(redactor, async ({ enabled }) => {
      const keychain = await vault.setMemoryFallback(enabled)
      await changed()
      return { keychain }
    }),
    'credentials.mint-e2e': redacted(redactor, async (request) => {
      const environment = await deps.environment(request.environmentId, true)
      if (environment.kind === 'production') throw new ContractError('invalid-request', PRODUCTION_REFUSAL)
      if (!environment.authBase)
        throw new ContractError('invalid-request', `environment ${environment.name} has no auth service URL (authBase): set one to mint E2E tokens`)
      // The key is bound to its environment's hosts like any credential: it goes to this auth service only if that is one of them.
      const keyInfo = vault.describe(request.simulationKeyCredentialId)
      const keyEnvironment = keyInfo.environmentId === environment.id ? environment : await deps.environment(keyInfo.environmentId).catch(() => null)
      checkCredentialHost({ credential: keyInfo, credentialEnvironment: keyEnvironment, target: { wsUrl: environment.authBase, httpBase: null }, authMethod: 'header' })
      const key = await vault.secretOf(request.simulationKeyCredentialId)
      if (key.credential.kind !== 'e2e-simulation-key')
        throw new ContractError('invalid-request', `credential "${key.credential.label}" is a ${key.credential.kind}, not an e2e-simulation-key`)
      let minted
      try {
        minted = await mintE2eToken({ authBase: environment.authBase, simulationKey: key.secret, email: request.email, name: request.name })
      } catch (error) {
        throw mintFailure(error, environment, key.credential.label)
      }
      // The refresh token is not kept, but it is a secret the app has seen: mask it too.
      redactor.add(minted.accessToken)
      redactor.add(minted.refreshToken)
      const credential = await vault.add(
        { environmentId: environment.id, label: request.label ?? defaultLabel(environment.id, request.email), kind: 'access-token', secret: minted.accessToken },
        request.store !== true
      )
      await changed()
      return { credential }
    })
  }
}
