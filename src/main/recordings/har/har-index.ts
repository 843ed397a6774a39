import { SecretRedactor } from '../../../shared/session-log/secret-redactor'
import { isWebSocketEntry, messageTimeMs, readEntryHead, type HarEntryHead, type HarWebSocketEntry } from './har-entry'
import { scanHar, type HarScanOptions, type HarScanResult } from './har-scan'
import { collectHarSecrets } from './har-secrets'

/** A problem met while reading a HAR, where it is in the JSON text (1-based). */
export type HarIssue = { line: number; column: number; message: string }

/** The WebSocket entries of a HAR and how the pass over it ended. */
export type HarIndex = { heads: HarEntryHead[]; scan: HarScanResult }

/** Options of the HAR readers. */
export type HarReadOptions = HarScanOptions & {
  /** Secrets known beforehand (the backend's); the entry's own are added to a derived copy. */
  redactor?: SecretRedactor
  /** Problems found on the way (a cut-off file, a message that is not one); reading goes on where it can. */
  onIssue?: (issue: HarIssue) => void
}

/** The issue of a pass that stopped early: where, and that what came before it was kept. */
export function stopIssue(scan: HarScanResult): HarIssue | null {
  if (!scan.stop) return null
  const { line, column, problem } = scan.stop
  return { line, column, message: `the HAR stops being readable here (${problem}); every complete message before it was read` }
}

/** First pass: every WebSocket entry's handshake, message count and first message time. */
export async function readHarIndex(path: string, options: HarReadOptions = {}): Promise<HarIndex> {
  const counts = new Map<number, { messages: number; firstMs: number | null }>()
  const heads: HarEntryHead[] = []
  const scan = await scanHar(
    path,
    {
      onMessage(entry, message) {
        const count = counts.get(entry) ?? { messages: 0, firstMs: null }
        count.messages++
        const time = typeof message === 'object' && message !== null ? messageTimeMs((message as { time?: unknown }).time) : null
        if (time !== null && (count.firstMs === null || time < count.firstMs)) count.firstMs = time
        counts.set(entry, count)
      },
      onEntry(entry, value, partial) {
        if (!isWebSocketEntry(value)) return
        const head = readEntryHead(entry, value, partial)
        const count = counts.get(entry)
        head.messages = count?.messages ?? 0
        head.firstMessageMs = count?.firstMs ?? null
        heads.push(head)
      }
    },
    options
  )
  // The cut-off entry is handed on while unwinding, after the complete ones: keep file order.
  heads.sort((a, b) => a.index - b.index)
  if (heads.length === 0) {
    const before = scan.stop ? ` before it stops being readable at line ${scan.stop.line}, column ${scan.stop.column} (${scan.stop.problem})` : ''
    throw new Error(
      `${path}: no WebSocket entries in this HAR (${scan.entries} entr${scan.entries === 1 ? 'y' : 'ies'}${before}, none a WebSocket); ` +
        'save the HAR with the WebSocket connection in it (DevTools: Network panel, filter "WS", then "Export HAR")'
    )
  }
  return { heads, scan }
}

/** The entry's URL with its credentials redacted, for lists and messages. */
export function redactedUrl(head: HarEntryHead, base?: SecretRedactor): string {
  const redactor = base ? base.derive() : new SecretRedactor()
  collectHarSecrets({ url: head.url, requestHeaders: head.requestHeaders, responseHeaders: head.responseHeaders, queryString: head.queryString }, redactor)
  return redactor.redact(head.url)
}

/** The picker's view of an entry (URL redacted). */
export function describeEntry(head: HarEntryHead, base?: SecretRedactor): HarWebSocketEntry {
  return {
    index: head.index,
    url: redactedUrl(head, base),
    started: head.startedMs === null ? null : new Date(head.startedMs).toISOString(),
    status: head.status,
    messages: head.messages
  }
}

/**
 * The WebSocket entries of a HAR (index in `log.entries`, redacted URL, start, status, message
 * count), read in one streaming pass. Throws a clear error naming the file when it is not a
 * readable HAR or holds no WebSocket entry; a HAR cut off after some entries lists those
 * (the cut is reported through `onIssue`).
 */
export async function listHarWebSockets(harPath: string, options: HarReadOptions = {}): Promise<HarWebSocketEntry[]> {
  const { heads, scan } = await readHarIndex(harPath, options)
  const issue = stopIssue(scan)
  if (issue) options.onIssue?.(issue)
  return heads.map((head) => describeEntry(head, options.redactor))
}
