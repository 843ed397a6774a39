/**
 * The diagnosis worker: keeps a model per session and judges the watched ones off the UI thread.
 * Loaded by `createDiagnosisService` as `new Worker(new URL(…), { type: 'module' })`.
 */
import { DiagnosisEngine } from './diagnosis-engine'
import type { DiagnosisReply, DiagnosisRequest } from './diagnosis-protocol'
import { unpackFeed } from '../../../shared/session-model'

// The renderer is type-checked with the DOM library, where `self` is a window; in here it is a worker scope.
const scope = self as unknown as {
  postMessage(message: DiagnosisReply): void
  onmessage: ((event: MessageEvent<DiagnosisRequest>) => void) | null
}

const engine = new DiagnosisEngine((message) => scope.postMessage(message))

scope.onmessage = ({ data }) => {
  if (data.type === 'feed') engine.feed(data.sessionId, unpackFeed(data.batch))
  else if (data.type === 'watch') engine.watch(data.sessionId, data.options)
  else if (data.type === 'forget') engine.forget(data.sessionId)
  else engine.unwatch(data.sessionId)
}
