import { DiagnosisEngine } from './diagnosis-engine'
import type { DiagnosisOptions, DiagnosisReply, DiagnosisRequest } from './diagnosis-protocol'
import { transferablesOf, unpackFeed, type FeedBatch } from '../../../shared/session-model'

/** Where sessions are diagnosed: the UI feeds it every applied batch and hears back diagnoses. */
export type DiagnosisService = {
  /** A batch the UI applied, packed by `packFeed` (its buffers are handed over: do not use it again). */
  feed(sessionId: string, batch: FeedBatch): void
  watch(sessionId: string, options: DiagnosisOptions): void
  unwatch(sessionId: string): void
  /** Drop the session's model and evidence (a replay's discarded view). */
  forget(sessionId: string): void
  /** One listener (the store): results and errors as they come. */
  onReply(listener: (reply: DiagnosisReply) => void): void
  dispose(): void
}

/**
 * The service backed by a Web Worker: diagnosing never blocks the UI thread. If the worker cannot
 * start or fails, every watch is answered with the error (a notice), never a silent "Diagnosing…".
 */
export function createWorkerDiagnosis(): DiagnosisService {
  let listener: (reply: DiagnosisReply) => void = () => undefined
  let failure: string | null = null
  let worker: Worker | null = null
  try {
    worker = new Worker(new URL('./diagnosis-worker.ts', import.meta.url), { type: 'module' })
    worker.onmessage = (event: MessageEvent<DiagnosisReply>) => listener(event.data)
    worker.onerror = (event) => {
      failure = `the diagnosis worker failed: ${event.message || 'it could not be loaded'}`
      listener({ type: 'error', sessionId: '', message: failure })
    }
  } catch (error) {
    failure = `the diagnosis worker could not start: ${error instanceof Error ? error.message : String(error)}`
  }
  const post = (request: DiagnosisRequest, transfer: Transferable[] = []): void => worker?.postMessage(request, transfer)
  return {
    feed: (sessionId, batch) => post({ type: 'feed', sessionId, batch }, transferablesOf(batch)),
    watch: (sessionId, options) => {
      if (failure !== null) listener({ type: 'error', sessionId, message: failure })
      else post({ type: 'watch', sessionId, options })
    },
    unwatch: (sessionId) => post({ type: 'unwatch', sessionId }),
    forget: (sessionId) => post({ type: 'forget', sessionId }),
    onReply: (next) => (listener = next),
    dispose: () => worker?.terminate()
  }
}

/**
 * The same engine on the calling thread, for jsdom tests only (jsdom has no Worker). Answers
 * synchronously, so a test sees the verdict as soon as it renders. Never used by the app.
 */
export function createInThreadDiagnosisForTests(): DiagnosisService {
  let listener: (reply: DiagnosisReply) => void = () => undefined
  const engine = new DiagnosisEngine((reply) => listener(reply))
  return {
    feed: (sessionId, batch) => engine.feed(sessionId, unpackFeed(batch)),
    watch: (sessionId, options) => engine.watch(sessionId, options),
    unwatch: (sessionId) => engine.unwatch(sessionId),
    forget: (sessionId) => engine.forget(sessionId),
    onReply: (next) => (listener = next),
    dispose: () => engine.dispose()
  }
}

/** The worker where there is one (every browser and Electron), the in-thread engine under jsdom. */
export function createDiagnosisService(): DiagnosisService {
  return typeof Worker === 'function' ? createWorkerDiagnosis() : createInThreadDiagnosisForTests()
}
