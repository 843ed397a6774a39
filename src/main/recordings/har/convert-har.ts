import { randomBytes } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { basename } from 'node:path'
import { name as appName, version as appVersion } from '../../../../package.json'
import type { EnvironmentKind, FrameRecord, FrameRecordDraft } from '../../../shared/api/frame-record'
import { classifyUrl } from '../../../shared/environments/classify-url'
import { SecretRedactor } from '../../../shared/session-log/secret-redactor'
import { newSessionLogHeader, type SessionLogHeader } from '../../../shared/session-log/session-log-format'
import { SessionRecorder } from '../session-recorder'
import type { HarEntryHead } from './har-entry'
import { describeEntry, readHarIndex, stopIssue, type HarIssue, type HarReadOptions } from './har-index'
import { readHarMessage, type HarCloseFrame } from './har-message'
import { scanHar } from './har-scan'
import { collectHarSecrets, offeredSubprotocols, redactHarHeaders } from './har-secrets'

/** Options of {@link convertHarToRecording}. */
export type ConvertHarOptions = HarReadOptions & {
  /** Which entry (index in `log.entries`); required when the HAR holds several WebSocket entries. */
  entry?: number
  /** Written into the header (default: this app's name and version). */
  app?: SessionLogHeader['app']
}

/** What an import wrote. */
export type ConvertHarResult = {
  /** Records written (session start, handshake, frames, close, notes). */
  records: number
  /** The imported entry's index in `log.entries`. */
  entry: number
  /** Problems met (also written into the recording as notes), in file order. */
  issues: HarIssue[]
}

/** A refused upgrade's body is kept up to this many characters, as a live session keeps it. */
const BODY_CHARS = 4096

function chooseEntry(harPath: string, heads: HarEntryHead[], wanted: number | undefined, redactor: SecretRedactor): HarEntryHead {
  const list = (): string =>
    heads
      .map((head) => {
        const entry = describeEntry(head, redactor)
        return `  entry ${entry.index}: ${entry.url || '(no URL)'}, started ${entry.started ?? 'unknown'}, status ${entry.status ?? 'none'}, ${entry.messages} message(s)`
      })
      .join('\n')
  if (wanted === undefined) {
    if (heads.length === 1) return heads[0]
    throw new Error(`${harPath}: ${heads.length} WebSocket entries; choose one (--entry N):\n${list()}`)
  }
  const head = heads.find((candidate) => candidate.index === wanted)
  if (!head) throw new Error(`${harPath}: entry ${wanted} is not a WebSocket entry of this HAR; its WebSocket entries are:\n${list()}`)
  return head
}

function authMethodOf(head: HarEntryHead, offered: string[]): 'subprotocol' | 'header' | 'ticket' | 'query' | 'none' {
  if (offered.some((protocol) => /^(jwt|jwt-auth|bearer)\./i.test(protocol))) return 'subprotocol'
  if (head.requestHeaders.some((header) => header.name.toLowerCase() === 'authorization')) return 'header'
  if (/[?&]ticket=/.test(head.url)) return 'ticket'
  if (/[?&](token|jwt|auth_token|access_token)=/.test(head.url)) return 'query'
  return 'none'
}

function closeRecordOf(head: HarEntryHead, frames: HarCloseFrame[]): FrameRecordDraft | null {
  if (head.close) return { kind: 'close', dir: head.close.initiator === 'server' ? 'in' : 'local', ...head.close }
  if (frames.length > 0) {
    const first = frames[0]
    const initiator = first.dir === 'out' ? 'client' : 'server'
    // Clean when both sides' close frames are in the HAR: the closing handshake completed.
    const clean = frames.some((frame) => frame.dir !== first.dir)
    return { kind: 'close', dir: initiator === 'server' ? 'in' : 'local', code: first.code, reason: first.reason, initiator, clean }
  }
  // A refused upgrade ends as a live session's does: a local 1006, nobody's close.
  if (head.status !== 101) return { kind: 'close', dir: 'local', code: 1006, reason: '', initiator: 'none', clean: false }
  return null
}

/**
 * Import one WebSocket entry of a HAR (Chrome/Edge DevTools, HTTP Toolkit, mitmproxy, this app's
 * own export) as a recording in the current session log format, written by the recorder:
 * session start (anchored at the upgrade or the first frame), the handshake from the entry, every
 * frame with its direction, time, opcode and data, and the close. The header's `origin` says it
 * came from a HAR.
 *
 * Two streaming passes (the entries, then the chosen entry's messages), so a HAR of any size
 * converts in flat memory. Every credential in the entry's headers and URL is redacted, and so is
 * every frame, with a redactor that knows them. A HAR cut off or garbled part way keeps every
 * complete message before the damage; the damage is reported in `issues` and as a note at the
 * end of the recording. Throws a clear error naming the file when nothing can be imported.
 */
export async function convertHarToRecording(harPath: string, outPath: string, options: ConvertHarOptions = {}): Promise<ConvertHarResult> {
  const base = options.redactor ?? new SecretRedactor()
  const { heads, scan } = await readHarIndex(harPath, options)
  const head = chooseEntry(harPath, heads, options.entry, base)
  const redactor = base.derive()
  collectHarSecrets({ url: head.url, requestHeaders: head.requestHeaders, responseHeaders: head.responseHeaders, queryString: head.queryString }, redactor)

  const issues: HarIssue[] = []
  const report = (issue: HarIssue): void => {
    issues.push(issue)
    options.onIssue?.(issue)
  }
  const anchors = [head.startedMs, head.firstMessageMs].filter((value): value is number => value !== null)
  const wallClock = anchors.length > 0 ? Math.min(...anchors) : 0
  const header: SessionLogHeader = {
    ...newSessionLogHeader(`har-${randomBytes(4).toString('hex')}`, wallClock, options.app ?? { name: appName, version: appVersion }),
    origin: { format: 'har', file: basename(harPath), entry: head.index, creator: scan.creator, importedAt: new Date().toISOString() }
  }
  let writeError: Error | null = null
  const recorder = new SessionRecorder(outPath, header, (error) => (writeError ??= error))
  if (recorder.error) throw new Error(`cannot write the recording ${outPath}: ${recorder.error.message}`, { cause: recorder.error })
  let seq = 0
  let lastT = 0
  const append = (draft: FrameRecordDraft, t: number): void => {
    lastT = Math.max(lastT, t)
    recorder.appendOne({ ...draft, seq: seq++, t } as FrameRecord)
  }
  const offsetOf = (wallMs: number | null): number => (wallMs === null ? lastT : Math.max(0, Math.round((wallMs - wallClock) * 1000) / 1000))

  try {
    const url = redactor.redact(head.url)
    const requestHeaders = redactHarHeaders(head.requestHeaders, redactor)
    const responseHeaders = redactHarHeaders(head.responseHeaders, redactor)
    const offered = offeredSubprotocols(requestHeaders)
    const environmentKind: EnvironmentKind = classifyUrl(head.url).kind
    append(
      {
        kind: 'session-start',
        dir: 'local',
        wallClock,
        environment: { id: 'har-import', name: `HAR ${basename(harPath)}`, kind: environmentKind },
        url,
        authMethod: authMethodOf(head, offeredSubprotocols(Object.fromEntries(head.requestHeaders.map((h) => [h.name.toLowerCase(), h.value]))))
      },
      0
    )
    append({ kind: 'note', dir: 'local', text: `imported from the HAR ${basename(harPath)}, entry ${head.index}${scan.creator ? ` (written by ${scan.creator})` : ''}` }, 0)
    const ok = head.status === 101
    const upgradeDone = head.startedMs === null ? 0 : offsetOf(head.startedMs + (head.ms ?? 0))
    const firstFrame = head.firstMessageMs === null ? upgradeDone : offsetOf(head.firstMessageMs)
    append(
      {
        kind: 'handshake',
        dir: 'local',
        ok,
        url,
        status: head.status,
        statusText: head.statusText,
        subprotocolsOffered: offered,
        subprotocol: responseHeaders['sec-websocket-protocol'] ?? null,
        requestHeaders,
        responseHeaders,
        body: ok || !head.body ? null : redactor.redact(head.body.slice(0, BODY_CHARS)),
        ms: head.ms ?? 0,
        error: ok ? null : head.status === null ? 'the HAR has no response to the upgrade request' : `server refused the upgrade: HTTP ${head.status}`
      },
      // Chrome's `time` of a WebSocket entry may span the connection: never place the upgrade after the first frame.
      Math.min(upgradeDone, firstFrame)
    )

    const closes: HarCloseFrame[] = []
    let number = 0
    const second = await scanHar(
      harPath,
      {
        onMessage(entry, message, at) {
          if (entry !== head.index) return
          number++
          const outcome = readHarMessage(message, redactor)
          const t = offsetOf(outcome.wallMs)
          if ('draft' in outcome) append(outcome.draft, t)
          else if ('close' in outcome) {
            closes.push(outcome.close)
            lastT = Math.max(lastT, t)
          } else {
            const text = `HAR message ${number} of entry ${head.index} (ending at line ${at.line}, column ${at.column}) not imported: ${outcome.problem}`
            report({ line: at.line, column: at.column, message: text })
            append({ kind: 'note', dir: 'local', text }, t)
          }
        }
      },
      options
    )
    const stop = stopIssue(second)
    if (stop) {
      report(stop)
      append({ kind: 'note', dir: 'local', text: `the HAR ${basename(harPath)} stops being readable at line ${stop.line}, column ${stop.column}: ${second.stop?.problem}; every complete message before it was imported` }, lastT)
    }
    const close = closeRecordOf(head, closes)
    if (close) append(close, lastT)
    else if (!stop) append({ kind: 'note', dir: 'local', text: 'the HAR has no close for this connection: it was still open when the HAR was saved, or the tool does not record close frames' }, lastT)
    await recorder.close()
  } catch (error) {
    await recorder.close().catch(() => undefined)
    await rm(outPath, { force: true })
    throw error
  }
  const failure = writeError as Error | null
  if (failure) {
    await rm(outPath, { force: true })
    throw new Error(`cannot write the recording ${outPath}: ${failure.message}`, { cause: failure })
  }
  return { records: recorder.recordCount, entry: head.index, issues }
}
