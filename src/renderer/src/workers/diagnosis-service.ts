import type { FrameRecord } from '../../../shared/api/frame-record'
import { DiagnosisEngine } from './diagnosis-engine'
import type { DiagnosisOptions, DiagnosisReply, DiagnosisRequest } from './diagnosis-protocol'

/** Where sessions are diagnosed: the UI feeds it every applied batch and hears back diagnoses. */
export type DiagnosisService = {
  feed(sessionId: string, records: FrameRecord[]): void
  watch(sessionId: string, options: DiagnosisOptions): void
  unwatch(sessionId: string): void
  /** One listener (the store): results and errors as they come. */
  onReply(listener: (reply: DiagnosisReply) => void): void
  dispose(): void
}

/** The service backed by a Web Worker: diagnosing never blocks the UI thread. */
export function createWorkerDiagnosis(): DiagnosisService {
  const worker = new Worker(new URL('./diagnosis-worker.ts', import.meta.url), { type: 'module' })
  let listener: (reply: DiagnosisReply) => void = () => undefined
  const post = (request: DiagnosisRequest): void => worker.postMessage(request)
  worker.onmessage = (event: MessageEvent<DiagnosisReply>) => listener(event.data)
  worker.onerror = (event) => listener({ type: 'error', sessionId: '', message: event.message || 'the diagnosis worker failed' })
  return {
    feed: (sessionId, records) => post({ type: 'feed', sessionId, records }),
    watch: (sessionId, options) => post({ type: 'watch', sessionId, options }),
    unwatch: (sessionId) => post({ type: 'unwatch', sessionId }),
    onReply: (next) => (listener = next),
    dispose: () => worker.terminate()
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
    feed: (sessionId, records) => engine.feed(sessionId, records),
    watch: (sessionId, options) => engine.watch(sessionId, options),
    unwatch: (sessionId) => engine.unwatch(sessionId),
    onReply: (next) => (listener = next),
    dispose: () => engine.dispose()
  }
}

/** The worker where there is one (every browser and Electron), the in-thread engine under jsdom. */
export function createDiagnosisService(): DiagnosisService {
  return typeof Worker === 'function' ? createWorkerDiagnosis() : createInThreadDiagnosisForTests()
}
