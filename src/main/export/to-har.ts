import type { FrameRecord } from '../../shared/api/frame-record'
import type { AttemptView } from '../../shared/session-model'
import { wallTime, type ExportInput } from './export-input'

type HarHeader = { name: string; value: string }

const toHeaders = (headers: Record<string, string>): HarHeader[] =>
  Object.entries(headers).map(([name, value]) => ({ name, value }))

function messagesOf(records: readonly FrameRecord[], from: number, to: number, input: ExportInput) {
  const messages: Array<{ type: 'send' | 'receive'; time: number; opcode: number; data: string }> = []
  for (const record of records) {
    if (record.seq < from || record.seq >= to || record.kind !== 'message') continue
    messages.push({
      type: record.dir === 'out' ? 'send' : 'receive',
      time: wallTime(input.model, record.t) / 1000,
      opcode: record.opcode,
      data: record.data
    })
  }
  return messages
}

function entryFor(attempt: AttemptView, nextFirstSeq: number, input: ExportInput) {
  const handshake = attempt.handshake
  const started = wallTime(input.model, handshake ? Math.max(0, handshake.t - handshake.ms) : 0)
  const url = handshake?.url ?? input.model.start?.url ?? ''
  return {
    startedDateTime: new Date(started).toISOString(),
    time: handshake?.ms ?? 0,
    _resourceType: 'websocket',
    request: {
      method: 'GET',
      url,
      httpVersion: 'HTTP/1.1',
      headers: toHeaders(handshake?.requestHeaders ?? {}),
      queryString: [...new URL(url, 'ws://invalid').searchParams].map(([name, value]) => ({ name, value })),
      cookies: [],
      headersSize: -1,
      bodySize: 0
    },
    response: {
      status: handshake?.status ?? 0,
      statusText: handshake?.statusText ?? handshake?.error ?? '',
      httpVersion: 'HTTP/1.1',
      headers: toHeaders(handshake?.responseHeaders ?? {}),
      cookies: [],
      content: { size: handshake?.body?.length ?? 0, mimeType: handshake?.responseHeaders['content-type'] ?? 'x-unknown', text: handshake?.body ?? undefined },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1
    },
    cache: {},
    timings: { send: 0, wait: handshake?.ms ?? 0, receive: 0 },
    _webSocketMessages: messagesOf(input.model.records, attempt.firstSeq, nextFirstSeq, input),
    _webSocketClose: attempt.close
      ? { code: attempt.close.code, reason: attempt.close.reason, initiator: attempt.close.initiator, clean: attempt.close.clean }
      : null
  }
}

/** HAR 1.2 with one WebSocket entry per attempt, in Chrome DevTools' `_webSocketMessages` shape. */
export function toHar(input: ExportInput): string {
  const attempts = input.model.attempts
  const entries = attempts.map((attempt, i) => entryFor(attempt, attempts[i + 1]?.firstSeq ?? Infinity, input))
  const har = {
    log: {
      version: '1.2',
      creator: { name: input.app.name, version: input.app.version },
      pages: [],
      entries,
      comment: input.diagnosis ? `verdict: ${input.diagnosis.verdict}. ${input.diagnosis.summary}` : undefined
    }
  }
  return `${JSON.stringify(har, null, 2)}\n`
}
