import { ContractError, type ContractHandlers, type Environment, type EventName, type EventPayload } from '../../shared/api/contract'
import { classifyUrl } from '../../shared/environments/classify-url'
import type { EnvironmentStore } from '../settings/environment-store'

/** The `environments.*` methods. */
export type EnvironmentHandlers = Pick<
  ContractHandlers,
  'environments.list' | 'environments.save' | 'environments.remove' | 'environments.reset' | 'environments.classify'
>

/** What the environment methods need from the backend. */
export type EnvironmentHandlerDeps = {
  store: EnvironmentStore
  /** Every environment as the UI sees it (the sandbox's URLs filled in once it runs). */
  list(): Environment[]
  defaultId: string
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
  /** Labels of the credentials bound to an environment: removing it would orphan their secrets. */
  credentialLabels(environmentId: string): string[]
}

/** Implement `environments.*` over the store; every change is pushed as `environments.changed`. */
export function environmentHandlers(deps: EnvironmentHandlerDeps): EnvironmentHandlers {
  const snapshot = () => ({ environments: deps.list(), defaultId: deps.defaultId })
  const changed = (id: string): Environment => {
    deps.emit('environments.changed', snapshot())
    const environment = deps.list().find((candidate) => candidate.id === id)
    if (!environment) throw new ContractError('failed', `environment ${id} vanished while saving (another process removed it?)`)
    return environment
  }
  return {
    'environments.list': async () => {
      const current = snapshot()
      // After reading: a corrupt file is only discovered (and moved aside) by the read.
      const loadError = deps.store.loadError
      return { ...current, ...(loadError ? { loadError } : {}) }
    },
    'environments.save': async (input) => ({ environment: changed(deps.store.save(input).id) }),
    'environments.remove': async ({ id }) => {
      const labels = deps.credentialLabels(id)
      if (labels.length)
        throw new ContractError('invalid-request', `environment ${id} still has ${labels.length} credential(s) (${labels.join(', ')}); remove them first`)
      deps.store.remove(id)
      deps.emit('environments.changed', snapshot())
      return { ok: true as const }
    },
    'environments.reset': async ({ id }) => ({ environment: changed(deps.store.reset(id).id) }),
    'environments.classify': async ({ url }) => classifyUrl(url)
  }
}
