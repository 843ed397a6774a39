import type { HarPair } from './har-secrets'

/** One WebSocket entry of a HAR, as a picker lists it (the URL already redacted). */
export type HarWebSocketEntry = {
  /** Index in the HAR's `log.entries` (0-based): what `--entry` and `{entry}` take. */
  index: number
  url: string
  /** When the upgrade request started (ISO 8601), or null when the HAR does not say. */
  started: string | null
  /** HTTP status of the upgrade (101 when accepted), or null without a response. */
  status: number | null
  /** WebSocket messages in the entry. */
  messages: number
}

/** What the importer keeps of a WebSocket entry besides its messages (values not yet redacted). */
export type HarEntryHead = {
  index: number
  url: string
  startedMs: number | null
  status: number | null
  statusText: string | null
  /** Duration of the upgrade in ms (`time` of the entry), when the HAR gives one. */
  ms: number | null
  requestHeaders: HarPair[]
  responseHeaders: HarPair[]
  queryString: HarPair[]
  /** Body of a refused upgrade, if the HAR kept it. */
  body: string | null
  /** This app's own `_webSocketClose` (HAR export), when present. */
  close: { code: number; reason: string; initiator: 'client' | 'server' | 'none'; clean: boolean } | null
  /** Filled in as the messages are counted. */
  messages: number
  /** Earliest message time (epoch ms), to anchor the session before every frame. */
  firstMessageMs: number | null
  /** The file stops inside this entry. */
  partial: boolean
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null)
const finite = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null)

function pairs(value: unknown): HarPair[] {
  if (!Array.isArray(value)) return []
  const result: HarPair[] = []
  for (const item of value) {
    if (isObject(item) && typeof item.name === 'string') result.push({ name: item.name, value: typeof item.value === 'string' ? item.value : String(item.value ?? '') })
  }
  return result
}

/**
 * Is this entry a WebSocket? DevTools, HTTP Toolkit and mitmproxy mark it `_resourceType:
 * "websocket"`; other tools leave a 101 response with `Upgrade: websocket`, a `ws(s)://` URL or a
 * `_webSocketMessages` array as the only sign.
 */
export function isWebSocketEntry(entry: Record<string, unknown>): boolean {
  if (typeof entry._resourceType === 'string' && entry._resourceType.toLowerCase() === 'websocket') return true
  if (Array.isArray(entry._webSocketMessages)) return true
  const request = isObject(entry.request) ? entry.request : {}
  const response = isObject(entry.response) ? entry.response : {}
  if (typeof request.url === 'string' && /^wss?:\/\//i.test(request.url)) return true
  return response.status === 101 && pairs(response.headers).some((header) => header.name.toLowerCase() === 'upgrade' && /websocket/i.test(header.value))
}

/** Read what the importer needs from an entry (a HAR from any tool: every field may be missing). */
export function readEntryHead(index: number, entry: Record<string, unknown>, partial: boolean): HarEntryHead {
  const request = isObject(entry.request) ? entry.request : {}
  const response = isObject(entry.response) ? entry.response : {}
  const content = isObject(response.content) ? response.content : {}
  const started = text(entry.startedDateTime)
  const startedMs = started === null ? null : Date.parse(started)
  const status = finite(response.status)
  const closeValue = isObject(entry._webSocketClose) ? entry._webSocketClose : null
  const initiator = closeValue && ['client', 'server', 'none'].includes(closeValue.initiator as string) ? (closeValue.initiator as 'client' | 'server' | 'none') : 'none'
  const code = closeValue ? finite(closeValue.code) : null
  return {
    index,
    url: text(request.url) ?? '',
    startedMs: startedMs === null || Number.isNaN(startedMs) ? null : startedMs,
    // Chrome writes 0 for a request without a response.
    status: status === null || status === 0 ? null : Math.trunc(status),
    statusText: text(response.statusText),
    ms: finite(entry.time) !== null && (entry.time as number) >= 0 ? (entry.time as number) : null,
    requestHeaders: pairs(request.headers),
    responseHeaders: pairs(response.headers),
    queryString: pairs(request.queryString),
    body: text(content.text),
    close: closeValue && code !== null ? { code: Math.trunc(code), reason: text(closeValue.reason) ?? '', initiator, clean: closeValue.clean === true } : null,
    messages: 0,
    firstMessageMs: null,
    partial
  }
}

/** A message's `time` as epoch ms: HARs write epoch seconds; a value too large for seconds is taken as ms already. */
export function messageTimeMs(time: unknown): number | null {
  const value = finite(time)
  if (value === null || value < 0) return null
  return value > 1e11 ? value : value * 1000
}
