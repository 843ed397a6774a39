import type { AttemptView } from '../../shared/session-model'
import { isoTime, queryOf, wallTime, type ExportInput } from './export-input'
import type { ExportFile } from './export-file'
import { recordBatches, type ExportProgress, type RecordSource } from './record-source'

type HarHeader = { name: string; value: string }

const toHeaders = (headers: Record<string, string>): HarHeader[] => Object.entries(headers).map(([name, value]) => ({ name, value }))

/** An entry's fields, without its messages (they are streamed). */
export function entryHead(attempt: AttemptView, input: ExportInput) {
  const handshake = attempt.handshake
  const started = wallTime(input.model, handshake ? Math.max(0, handshake.t - handshake.ms) : 0)
  const url = handshake?.url ?? input.model.start?.url ?? ''
  return {
    startedDateTime: isoTime(started),
    time: handshake?.ms ?? 0,
    _resourceType: 'websocket',
    request: {
      method: 'GET',
      url,
      httpVersion: 'HTTP/1.1',
      headers: toHeaders(handshake?.requestHeaders ?? {}),
      queryString: queryOf(url),
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
    timings: { send: 0, wait: handshake?.ms ?? 0, receive: 0 }
  }
}

/** The end of an entry: its messages' closing bracket and the WebSocket close. */
export function entryTail(attempt: AttemptView): string {
  const close = attempt.close ? { code: attempt.close.code, reason: attempt.close.reason, initiator: attempt.close.initiator, clean: attempt.close.clean } : null
  return `\n      ],\n      "_webSocketClose": ${JSON.stringify(close)}\n    }`
}

/**
 * HAR 1.2 with one WebSocket entry per attempt, in Chrome DevTools' `_webSocketMessages` shape,
 * streamed message by message from the log: the summary (attempts, handshakes, closes) comes
 * from `input.model`, the messages from `source`, so no size is too large.
 */
export async function writeHar(file: ExportFile, source: RecordSource, input: ExportInput, onProgress?: (progress: ExportProgress) => void): Promise<void> {
  const attempts = input.model.attempts
  const comment = input.diagnosis ? `verdict: ${input.diagnosis.verdict}. ${input.diagnosis.summary}` : undefined
  const log = { version: '1.2', creator: { name: input.app.name, version: input.app.version }, pages: [], comment }
  const logHead = JSON.stringify(log).slice(0, -1)
  await file.write(`{\n  "log": ${logHead},\n  "entries": [`)
  let current = -1
  let firstMessage = true
  const open = async (i: number): Promise<void> => {
    const head = JSON.stringify(entryHead(attempts[i], input)).slice(0, -1)
    await file.write(`${i === 0 ? '' : ','}\n    ${head},\n      "_webSocketMessages": [`)
    current = i
    firstMessage = true
  }
  const closeCurrent = async (): Promise<void> => {
    if (current >= 0) await file.write(entryTail(attempts[current]))
  }
  let done = 0
  for await (const { records } of recordBatches(source)) {
    let chunk = ''
    for (const record of records) {
      if (record.kind !== 'message' || attempts.length === 0 || record.seq < attempts[0].firstSeq) continue
      // Move to the attempt this record belongs to (entries without messages are still written).
      while (current < attempts.length - 1 && record.seq >= attempts[current + 1].firstSeq) {
        if (chunk) await file.write(chunk)
        chunk = ''
        await closeCurrent()
        await open(current + 1)
      }
      if (current < 0) await open(0)
      const message = { type: record.dir === 'out' ? 'send' : 'receive', time: wallTime(input.model, record.t) / 1000, opcode: record.opcode, data: record.data }
      chunk += `${firstMessage ? '' : ','}\n        ${JSON.stringify(message)}`
      firstMessage = false
    }
    if (chunk) await file.write(chunk)
    done += records.length
    onProgress?.({ records: done, totalRecords: source.count })
  }
  while (current < attempts.length - 1) {
    await closeCurrent()
    await open(current + 1)
  }
  await closeCurrent()
  await file.write('\n  ]\n  }\n}\n')
}
