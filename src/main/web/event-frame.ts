import type { WebEventFrame } from '../../shared/api/web-wire'
import { serialisedRecordsPush } from '../sessions/records-push'

/**
 * The text the web host sends for a pushed event: `JSON.stringify({ event, payload })`, or, for a
 * batch of session records, the same text as its batcher serialised it while the records arrived,
 * so a push is never stringified a second time.
 */
export function eventFrame(event: string, payload: unknown): string {
  const serialised = serialisedRecordsPush(payload)
  if (serialised && event === 'session.records') return serialised.text
  const frame: WebEventFrame = { event, payload }
  return JSON.stringify(frame)
}
