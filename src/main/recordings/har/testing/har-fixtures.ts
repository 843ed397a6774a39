/** A `_webSocketMessages` item as DevTools writes it. */
export type HarMessageFixture = { type: 'send' | 'receive'; time: number; opcode: number; data: string }

/** One entry of a fixture HAR. */
export type HarEntryFixture = {
  url: string
  started?: string
  status?: number
  requestHeaders?: Record<string, string>
  responseHeaders?: Record<string, string>
  messages?: HarMessageFixture[]
  /** Not a WebSocket: a plain GET entry (with a body) that the importer must skip. */
  plain?: boolean
  body?: string
}

/**
 * A HAR laid out the way Chrome DevTools saves one (pretty-printed, `_resourceType`, request and
 * response before `_webSocketMessages`), for tests of the importer.
 */
export function chromeHar(entries: HarEntryFixture[], options: { version?: string; creator?: string } = {}): string {
  const pairs = (headers: Record<string, string> = {}) => Object.entries(headers).map(([name, value]) => ({ name, value }))
  return JSON.stringify(
    {
      log: {
        version: options.version ?? '1.2',
        creator: { name: options.creator ?? 'WebInspector', version: '537.36' },
        pages: [],
        entries: entries.map((entry) => ({
          _initiator: { type: 'script' },
          _priority: 'Low',
          _resourceType: entry.plain ? 'fetch' : 'websocket',
          cache: {},
          connection: '443',
          request: { method: 'GET', url: entry.url, httpVersion: 'HTTP/1.1', headers: pairs(entry.requestHeaders), queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
          response: {
            status: entry.status ?? (entry.plain ? 200 : 101),
            statusText: entry.plain ? 'OK' : 'Switching Protocols',
            httpVersion: 'HTTP/1.1',
            headers: pairs(entry.responseHeaders),
            cookies: [],
            content: { size: entry.body?.length ?? 0, mimeType: 'x-unknown', ...(entry.body ? { text: entry.body } : {}) },
            redirectURL: '',
            headersSize: -1,
            bodySize: -1
          },
          serverIPAddress: '10.0.0.1',
          startedDateTime: entry.started ?? '2026-12-01T10:00:00.000Z',
          time: 12.5,
          timings: { blocked: -1, dns: -1, ssl: -1, connect: -1, send: 0, wait: 12.5, receive: 0 },
          ...(entry.plain ? {} : { _webSocketMessages: entry.messages ?? [] })
        }))
      }
    },
    null,
    2
  )
}
