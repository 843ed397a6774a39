import { dispatch, type ContractBackend, type EventName, type MethodName, type MethodRequest, type MethodResponse } from '../../../shared/api/contract'
import type { FrameRecord } from '../../../shared/api/frame-record'
import { applyRecords, createSessionModel, type SessionModel } from '../../../shared/session-model'
import type { Keychain } from '../../credentials/keychain'
import { createBackend } from '../create-backend'
import { testTempDir } from '../../testing/temp-dir'

/** A backend on a temp data folder that remembers every pushed event and every response. */
export type Harness = {
  backend: ContractBackend
  dataDir: string
  pushes: Array<{ event: EventName; payload: unknown }>
  responses: Array<{ method: MethodName; response: unknown }>
  /** Messages of every rejected call (they cross the boundary too). */
  errors: string[]
  /** Methods called at least once. */
  called: Set<MethodName>
  /** Call a method the way hosts do (validated by the contract). */
  call<M extends MethodName>(method: M, request: MethodRequest<M>): Promise<MethodResponse<M>>
  /** The session model from pushed records only (what a UI would see). */
  model(sessionId: string): SessionModel
  until(check: () => boolean, ms?: number): Promise<void>
}

/** Start a backend for a test; dispose it with `harness.backend.dispose()`. */
export function startHarness(keychain: Keychain): Harness {
  const dataDir = testTempDir('netra-backend-')
  return harnessFor(createBackend({ host: 'cli', dataDir, keychain, sandbox: { stepDelayMs: 1 } }), dataDir)
}

/** A harness around a backend the test built itself (its own options), recording into `dataDir`. */
export function harnessFor(backend: ContractBackend, dataDir: string): Harness {
  const pushes: Harness['pushes'] = []
  const responses: Harness['responses'] = []
  const errors: string[] = []
  const called = new Set<MethodName>()
  backend.subscribe((event, payload) => pushes.push({ event, payload }))
  return {
    backend,
    dataDir,
    pushes,
    responses,
    errors,
    called,
    async call(method, request) {
      called.add(method)
      try {
        const response = (await dispatch(backend.handlers, method, request)) as MethodResponse<typeof method>
        responses.push({ method, response })
        return response
      } catch (error) {
        errors.push(error instanceof Error ? error.message : String(error))
        throw error
      }
    },
    model(sessionId) {
      const records = pushes
        .filter((push) => push.event === 'session.records' && (push.payload as { sessionId: string }).sessionId === sessionId)
        .flatMap((push) => (push.payload as { records: FrameRecord[] }).records)
      return applyRecords(createSessionModel(sessionId), records)
    },
    async until(check, ms = 15_000) {
      const end = Date.now() + ms
      while (!check()) {
        if (Date.now() > end) throw new Error('condition not reached in time')
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
    }
  }
}
