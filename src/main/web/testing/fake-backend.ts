import type { z } from 'zod'
import {
  ContractError,
  type ContractBackend,
  type ContractHandlers,
  type EventListener,
  type EventName,
  type EventPayload,
  type HostKindSchema,
  type MethodName
} from '../../../shared/api/contract'

/**
 * A small in-memory ContractBackend for host tests.
 *
 * The hosts only bind the contract; exercising them against the real backend would test the
 * backend. This fake answers every method with a valid response, records what it was called
 * with, and lets a test push events.
 */

/** A fake backend plus the handles a test needs. */
export type FakeBackend = ContractBackend & {
  /** Every handler call, in order, with the already-validated request. */
  calls: Array<{ method: string; request: unknown }>
  /** Push an event to every subscriber. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
  /** How many subscribers are attached (to prove hosts unsubscribe). */
  listenerCount(): number
  disposed: boolean
}

/** Build a fake backend whose handlers cover every contract method. */
export function createFakeBackend(host: z.infer<typeof HostKindSchema> = 'web'): FakeBackend {
  const listeners = new Set<EventListener>()
  const calls: FakeBackend['calls'] = []
  const record = (method: string, request: unknown): void => {
    calls.push({ method, request })
  }
  const sandboxStatus = { running: false, wsUrl: null, httpUrl: null, authUrl: null, generation: 'test', faults: [], triage: 'insufficient' }
  const handlers: ContractHandlers = {
    'messages.list': async (request) => {
      record('messages.list', request)
      return { environmentId: request.environmentId, messages: [] }
    },
    'messages.save': async (request) => {
      record('messages.save', request)
      return { environmentId: request.environmentId, messages: [] }
    },
    'messages.rename': async (request) => {
      record('messages.rename', request)
      return { environmentId: request.environmentId, messages: [] }
    },
    'messages.remove': async (request) => {
      record('messages.remove', request)
      return { environmentId: request.environmentId, messages: [] }
    },
    'isolation.run': async (request) => {
      record('isolation.run', request)
      return { environmentId: request.environmentId, participants: [], matrix: [], unowned: [], leaks: [] }
    },
    'app.info': async (request) => {
      record('app.info', request)
      return { name: 'netra-diagnostics', version: '0.0.0-test', host, platform: process.platform }
    },
    'environments.list': async (request) => {
      record('environments.list', request)
      return { environments: [], defaultId: 'sandbox' }
    },
    'sandbox.status': async (request) => {
      record('sandbox.status', request)
      return sandboxStatus
    },
    'sandbox.catalog': async (request) => {
      record('sandbox.catalog', request)
      return { generations: [], faults: [], triageOrders: [] }
    },
    'sandbox.configure': async (request) => {
      record('sandbox.configure', request)
      return { ...sandboxStatus, ...request, faults: request.faults ?? [] }
    },
    'session.connect': async (request) => {
      record('session.connect', request)
      return { sessionId: `session-for-${request.environmentId}` }
    },
    'session.send': async (request) => {
      record('session.send', request)
      return { seq: 7 }
    },
    'session.disconnect': async (request) => {
      record('session.disconnect', request)
      return { ok: true }
    },
    'session.list': async (request) => {
      record('session.list', request)
      return { sessions: [] }
    },
    'session.export': async (request) => {
      record('session.export', request)
      return { fileName: 'x', mimeType: 'text/plain', content: '' }
    },
    'session.export-file': async (request) => {
      record('session.export-file', request)
      return { exportId: 'e-1', fileName: 'x', mimeType: 'text/plain', bytes: 0, records: 0 }
    },
    'session.export-read': async (request) => {
      record('session.export-read', request)
      return { base64: '', nextOffset: request.offset, done: true }
    },
    'session.records': async (request) => {
      record('session.records', request)
      if (request.sessionId === 'missing') throw new ContractError('not-found', 'no session missing')
      return { records: [], nextSeq: request.fromSeq, done: true }
    },
    // Environments and credentials (issue 5): valid, secret-free answers.
    ...fakeEnvironmentAndCredentialHandlers(record),
    'app.reveal-path': async (request) => {
      record('app.reveal-path', request)
      return { path: null, revealed: false }
    },
    'app.set-theme': async (request) => {
      record('app.set-theme', request)
      return { applied: false }
    },
    ...fakeLibraryHandlers(record)
  }
  const fake: FakeBackend = {
    handlers,
    calls,
    disposed: false,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async dispose() {
      fake.disposed = true
    },
    emit(event, payload) {
      for (const listener of listeners) listener(event, payload)
    },
    listenerCount: () => listeners.size
  }
  return fake
}

const fakeKeychain = { available: true, reason: null, cause: null, fix: null, memoryFallback: false }
const fakeCredential = {
  id: 'c-fake',
  label: 'fake',
  kind: 'access-token' as const,
  environmentId: 'sandbox',
  createdAt: 0,
  storage: 'memory' as const,
  claims: null,
  expiresAt: null,
  expiry: 'none' as const
}
const fakeEnvironment = {
  id: 'fake',
  name: 'Fake',
  kind: 'custom' as const,
  wsUrl: 'ws://127.0.0.1:1/ws',
  httpBase: null,
  authBase: null,
  authMethod: 'none' as const,
  builtIn: false,
  subprotocolStyle: 'jwt' as const,
  retries: { attempts: 1, delayMs: 0 },
  sla: { dataProcessingMs: 5000, reportAfterDataMs: 2000, fullAnswerMs: 60_000 },
  expectedGeneration: null,
  customized: false
}

/** Handlers of the `environments.*` (beyond list) and `credentials.*` methods. */
function fakeEnvironmentAndCredentialHandlers(
  record: (method: string, request: unknown) => void
): Pick<ContractHandlers, Exclude<MethodName, 'environments.list'> & (`environments.${string}` | `credentials.${string}`)> {
  const answer =
    <R>(method: string, response: R) =>
    async (request: unknown): Promise<R> => {
      record(method, request)
      return response
    }
  return {
    'environments.save': answer('environments.save', { environment: fakeEnvironment }),
    'environments.remove': answer('environments.remove', { ok: true as const }),
    'environments.reset': answer('environments.reset', { environment: fakeEnvironment }),
    'environments.classify': answer('environments.classify', { kind: 'custom' as const, host: null, knownHost: false, note: 'fake' }),
    'credentials.list': answer('credentials.list', { credentials: [], keychain: fakeKeychain }),
    'credentials.add': answer('credentials.add', { credential: fakeCredential }),
    'credentials.rename': answer('credentials.rename', { credential: fakeCredential }),
    'credentials.remove': answer('credentials.remove', { ok: true as const }),
    'credentials.use-memory-fallback': answer('credentials.use-memory-fallback', { keychain: fakeKeychain }),
    'credentials.mint-e2e': answer('credentials.mint-e2e', { credential: fakeCredential })
  }
}

const fakeLibrarySettings = { recordingsDir: '/tmp/recordings', source: 'default' as const, recordByDefault: true, indexing: null }

/** The library's methods (issue 11), answered with empty but valid responses. */
function fakeLibraryHandlers(record: (method: string, request: unknown) => void): Pick<ContractHandlers, `library.${string}` & MethodName | `recordings.${string}` & MethodName> {
  const answer =
    <R>(method: string, response: R) =>
    async (request: unknown): Promise<R> => {
      record(method, request)
      return response
    }
  return {
    'library.list': answer('library.list', { entries: [], total: 0, facets: { environments: [], components: [] } }),
    'library.rename': answer('library.rename', { ok: true as const }),
    'library.delete': answer('library.delete', { ok: true as const }),
    'library.restore': answer('library.restore', { ok: true as const }),
    'library.reveal': answer('library.reveal', { path: '/tmp/recordings/x.ndjson', revealed: false }),
    'library.settings': answer('library.settings', fakeLibrarySettings),
    'library.configure': answer('library.configure', fakeLibrarySettings),
    'recordings.open': answer('recordings.open', {
      session: { id: 'r-fake', environmentId: 'sandbox', environmentName: 'Sandbox', url: '', state: 'closed' as const, startedAt: 0, recordCount: 0, origin: 'recording' as const }
    }),
    'recordings.upload': answer('recordings.upload', { uploadId: 'u-000000000000', bytes: 0, path: null }),
    'recordings.har-entries': answer('recordings.har-entries', { entries: [] }),
    'recordings.import-har': answer('recordings.import-har', { path: '/fake/recordings/imported.ndjson', records: 0 })
  }
}
