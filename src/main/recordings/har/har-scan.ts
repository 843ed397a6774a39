import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { JsonStream, JsonStreamError, type JsonPathPart, type JsonPosition } from './json-stream'

/** HAR versions this reader understands (HAR 1.1 and 1.2 differ in optional fields only). */
export const SUPPORTED_HAR_VERSIONS = ['1.1', '1.2'] as const

/** Where a HAR stops being readable: every complete message before it was read. */
export type HarStop = JsonPosition & { problem: string }

/** What a whole pass over a HAR found (besides what the handlers were given). */
export type HarScanResult = {
  version: string | null
  /** `log.creator` as "name version", when the HAR says. */
  creator: string | null
  /** Entries in `log.entries` (a cut-off last one included). */
  entries: number
  /** Where reading stopped early (cut off, garbled); null when the whole document was read. */
  stop: HarStop | null
}

/** What a pass hands on as it reads. */
export type HarScanHandlers = {
  /** One complete WebSocket message of entry `entry` (its index in `log.entries`); `at` is where it ends. */
  onMessage?(entry: number, message: unknown, at: JsonPosition): void
  /** One entry, its messages already handed on (its `_webSocketMessages` is left empty); `partial` when the file stops inside it. */
  onEntry?(entry: number, value: Record<string, unknown>, partial: boolean): void
}

/** Bytes read per step. */
const CHUNK = 1024 * 1024
/** Deepest container handed to the hook: a message at log.entries[i]._webSocketMessages[j]. */
const HOOK_DEPTH = 5

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

function describeOpenError(path: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return new Error(`no HAR file at ${path}`, { cause: error })
  if (code === 'EISDIR') return new Error(`${path} is a folder, not a HAR file`, { cause: error })
  if (code === 'EACCES' || code === 'EPERM') return new Error(`${path} cannot be read (permission denied)`, { cause: error })
  return new Error(`${path}: ${(error as Error).message}`, { cause: error })
}

/** Options of {@link scanHar}. */
export type HarScanOptions = {
  /** Longest string kept, in characters (default 256 Mi); a longer frame is reported, not kept. */
  maxStringChars?: number
}

/**
 * Read a HAR once, streaming: the file is tokenised chunk by chunk, each WebSocket message is
 * handed on as soon as it is complete and dropped, and each entry as it ends, so memory holds
 * one entry's headers and one message at a time, whatever the file's size.
 *
 * Throws an error naming the file (and the line and column of the JSON where it applies) when it is
 * missing, empty, not JSON, not a HAR, of an unsupported version, or unreadable before its
 * `log.entries`. Damage after that (a cut-off file, garbage) ends the pass early: the result
 * says where in `stop`, and everything before it has been handed on.
 */
export async function scanHar(path: string, handlers: HarScanHandlers, options: HarScanOptions = {}): Promise<HarScanResult> {
  let size: number
  try {
    const info = await stat(path)
    if (info.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' })
    size = info.size
  } catch (error) {
    throw describeOpenError(path, error)
  }
  if (size === 0) throw new Error(`${path}: not a HAR file: it is empty`)

  const counts = new Map<number, number>()
  let log: Record<string, unknown> | null = null
  let entriesSeen = 0
  let sawEntries = false
  const otherKeys: string[] = []
  const parser = new JsonStream({
    hookDepth: HOOK_DEPTH,
    maxStringChars: options.maxStringChars,
    onContainer(at: readonly JsonPathPart[], value: unknown, partial: boolean): boolean {
      if (at.length === 0) return false
      if (at[0] !== 'log') {
        // Not part of a HAR: dropped as it completes, so a large JSON that is not a HAR is not held in memory.
        if (at.length === 1) otherKeys.push(String(at[0]))
        return true
      }
      if (at.length === 1) {
        if (isObject(value)) log = value
        return false
      }
      if (at[1] !== 'entries') return false
      if (at.length === 2) {
        sawEntries = Array.isArray(value)
        return false
      }
      const entry = at[2]
      if (typeof entry !== 'number') return false
      if (at.length === 3) {
        entriesSeen = Math.max(entriesSeen, entry + 1)
        if (isObject(value)) handlers.onEntry?.(entry, value, partial)
        return true
      }
      if (at.length !== 5 || at[3] !== '_webSocketMessages') return false
      // A cut-off message is not a message: dropped, and not counted.
      if (partial) return true
      // A message: handed on and dropped, so the document never holds the frames.
      counts.set(entry, (counts.get(entry) ?? 0) + 1)
      handlers.onMessage?.(entry, value, parser.containerEnd)
      return true
    }
  })

  let stop: HarStop | null = null
  let first = true
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: CHUNK })
  try {
    for await (const piece of stream) {
      let text = piece as string
      if (first) {
        first = false
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
        const start = /\S/.exec(text)
        if (start && text[start.index] !== '{') {
          const binary = looksBinary(text.slice(0, 512))
          throw new Error(`${path}:1:${start.index + 1}: not a HAR file: ${binary ? 'it is binary, not JSON text' : 'it is not a JSON object (a HAR starts with {"log": …)'}`)
        }
      }
      parser.write(text)
    }
    parser.end()
  } catch (error) {
    if (!(error instanceof JsonStreamError)) {
      if (error instanceof Error && error.message.startsWith(path)) throw error
      throw describeOpenError(path, error)
    }
    stop = { ...error.position, problem: error.problem }
    parser.unwind()
  } finally {
    stream.destroy()
  }

  const root = parser.value
  const where = (position: JsonPosition): string => `${path}:${position.line}:${position.column}`
  const theLog = log as Record<string, unknown> | null
  if (stop && entriesSeen === 0)
    throw new Error(`${where(stop)}: not a readable HAR: ${stop.problem}; no entry could be read before it`)
  if (!stop && !(isObject(root) && isObject(root.log)))
    throw new Error(`${path}: not a HAR file: a JSON ${isObject(root) ? `object with ${describeKeys([...Object.keys(root), ...otherKeys])}` : 'value'}, without the "log" object of a HAR`)
  if (!stop && !sawEntries) throw new Error(`${path}: not a HAR file: its "log" has no "entries" array`)
  const version = theLog && typeof theLog.version === 'string' ? theLog.version : null
  if (version !== null && !(SUPPORTED_HAR_VERSIONS as readonly string[]).includes(version) && !/^1\.\d+$/.test(version))
    throw new Error(`${path}: HAR version ${JSON.stringify(version)} is not supported (this app reads HAR ${SUPPORTED_HAR_VERSIONS.join(' and ')})`)
  const creator = theLog && isObject(theLog.creator) ? [theLog.creator.name, theLog.creator.version].filter((part) => typeof part === 'string' && part).join(' ') || null : null
  return { version, creator, entries: entriesSeen, stop }
}

/** Control characters other than whitespace, or bytes that are not UTF-8: not a text file. */
function looksBinary(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0xfffd) return true
  }
  return false
}

function describeKeys(keys: string[]): string {
  if (keys.length === 0) return 'no keys'
  return `keys ${keys
    .slice(0, 5)
    .map((key) => JSON.stringify(key.slice(0, 40)))
    .join(', ')}${keys.length > 5 ? ', …' : ''}`
}
