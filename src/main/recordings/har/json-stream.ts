/** 1-based line and column (in characters) of a place in a JSON text. */
export type JsonPosition = { line: number; column: number }

/** Where a JSON text stops being readable: the place and what was wrong there. */
export class JsonStreamError extends Error {
  constructor(
    readonly position: JsonPosition,
    readonly problem: string
  ) {
    super(`line ${position.line}, column ${position.column}: ${problem}`)
  }
}

/** A string longer than the parser keeps: only its length is known (the text was not held in memory). */
export class OversizedString {
  constructor(
    public length: number,
    readonly position: JsonPosition
  ) {}
}

/** Key of a value in its parent: an object key or an array index. */
export type JsonPathPart = string | number

/**
 * Called when a container (object or array) at depth ≤ `hookDepth` is complete, or, with
 * `partial`, when the text stopped inside it. Return true to drop the value from its parent (it
 * was consumed: a WebSocket message handed on), false to keep it. `path` is reused: copy it to keep it.
 */
export type JsonContainerHook = (path: readonly JsonPathPart[], value: unknown, partial: boolean) => boolean

/** Options of {@link JsonStream}. */
export type JsonStreamOptions = {
  onContainer: JsonContainerHook
  /** Deepest container the hook is called for (the root is depth 0). */
  hookDepth: number
  /** Longest string kept, in characters; a longer one becomes an {@link OversizedString} (default 256 Mi). */
  maxStringChars?: number
}

type Frame = { value: Record<string, unknown> | unknown[]; isArray: boolean; key: string | null; index: number }

const enum State {
  Value,
  FirstValueOrEnd,
  KeyOrEnd,
  Key,
  Colon,
  CommaOrEnd,
  String,
  Escape,
  Unicode,
  Scalar,
  Done
}

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/

function describe(code: number): string {
  if (code >= 0x20 && code < 0x7f) return `'${String.fromCharCode(code)}'`
  return `character U+${code.toString(16).toUpperCase().padStart(4, '0')}`
}

/**
 * A streaming JSON parser: text goes in chunk by chunk, values are built as they complete, and a
 * hook sees each container near the root as it ends, so a caller can hand on and drop the many
 * small values of one huge array (a HAR's WebSocket messages) instead of holding the document.
 *
 * No recursion (any depth), positions as line and column, and a clean stop: on bad or cut-off
 * text it throws a {@link JsonStreamError} at the exact place, after every value completed before
 * it has been handed to the hook; `unwind()` then offers the containers left open, innermost first.
 */
export class JsonStream {
  private state: State = State.Value
  private readonly stack: Frame[] = []
  private readonly path: JsonPathPart[] = []
  private root: unknown = undefined
  private hasRoot = false
  private parts: string[] = []
  private partsLength = 0
  private oversized: OversizedString | null = null
  private unicode = ''
  private scalar = ''
  private stringIsKey = false
  private stringStart: JsonPosition = { line: 1, column: 1 }
  private offset = 0
  private ended: JsonPosition = { line: 1, column: 1 }
  private line = 1
  private lineStart = 0
  private readonly maxStringChars: number

  constructor(private readonly options: JsonStreamOptions) {
    this.maxStringChars = options.maxStringChars ?? 256 * 1024 * 1024
  }

  /** The place of the next character to read. */
  get position(): JsonPosition {
    return { line: this.line, column: this.offset - this.lineStart + 1 }
  }

  /** Where the container the hook is looking at ends (its closing bracket). */
  get containerEnd(): JsonPosition {
    return this.ended
  }

  /** The whole document once complete (what the hook did not drop). */
  get value(): unknown {
    return this.root
  }

  private at(index: number): JsonPosition {
    return { line: this.line, column: this.offset + index - this.lineStart + 1 }
  }

  private fail(index: number, problem: string): never {
    throw new JsonStreamError(this.at(index), problem)
  }

  /** Read the next chunk of text. Throws {@link JsonStreamError} where the text stops being JSON. */
  write(chunk: string): void {
    const n = chunk.length
    let i = 0
    let stringFrom = this.state === State.String ? 0 : -1
    while (i < n) {
      const state = this.state
      if (state === State.String) {
        // Fast path: copy runs of plain characters in one slice.
        let j = i
        while (j < n) {
          const c = chunk.charCodeAt(j)
          if (c === 0x22 || c === 0x5c || c < 0x20) break
          j++
        }
        if (j === n) break
        const c = chunk.charCodeAt(j)
        this.take(chunk, stringFrom, j)
        stringFrom = -1
        i = j + 1
        if (c === 0x22) this.endString()
        else if (c === 0x5c) this.state = State.Escape
        else this.fail(j, `${describe(c)} inside a string (control characters must be escaped)`)
        continue
      }
      const c = chunk.charCodeAt(i)
      if (state === State.Escape) {
        const simple = c === 0x22 ? '"' : c === 0x5c ? '\\' : c === 0x2f ? '/' : c === 0x62 ? '\b' : c === 0x66 ? '\f' : c === 0x6e ? '\n' : c === 0x72 ? '\r' : c === 0x74 ? '\t' : null
        if (simple !== null) {
          this.append(simple)
          this.state = State.String
          stringFrom = i + 1
        } else if (c === 0x75) {
          this.unicode = ''
          this.state = State.Unicode
        } else this.fail(i, `bad escape \\${String.fromCharCode(c)} in a string`)
        i++
        continue
      }
      if (state === State.Unicode) {
        if (!/[0-9a-fA-F]/.test(chunk[i])) this.fail(i, `bad \\u escape in a string (${describe(c)} is not a hex digit)`)
        this.unicode += chunk[i]
        i++
        if (this.unicode.length === 4) {
          this.append(String.fromCharCode(parseInt(this.unicode, 16)))
          this.state = State.String
          stringFrom = i
        }
        continue
      }
      if (state === State.Scalar) {
        if ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x45) {
          this.scalar += chunk[i]
          i++
          continue
        }
        this.endScalar(i)
        continue
      }
      // Structural states: whitespace first.
      if (c === 0x20 || c === 0x09 || c === 0x0d) {
        i++
        continue
      }
      if (c === 0x0a) {
        i++
        this.line++
        this.lineStart = this.offset + i
        continue
      }
      if (state === State.Done) this.fail(i, `${describe(c)} after the end of the JSON document`)
      if (state === State.Value || state === State.FirstValueOrEnd) {
        if (c === 0x5d && state === State.FirstValueOrEnd) {
          this.endContainer(i)
          i++
          continue
        }
        if (c === 0x7b) this.open(i, false)
        else if (c === 0x5b) this.open(i, true)
        else if (c === 0x22) {
          this.startString(i, false)
          stringFrom = i + 1
        } else if (c === 0x2d || (c >= 0x30 && c <= 0x39) || c === 0x74 || c === 0x66 || c === 0x6e) {
          this.scalar = chunk[i]
          this.stringStart = this.at(i)
          this.state = State.Scalar
        } else this.fail(i, `${describe(c)} where a value should start`)
        i++
        continue
      }
      if (state === State.KeyOrEnd || state === State.Key) {
        if (c === 0x7d && state === State.KeyOrEnd) this.endContainer(i)
        else if (c === 0x22) {
          this.startString(i, true)
          stringFrom = i + 1
        } else this.fail(i, `${describe(c)} where a key (a "string") should be`)
        i++
        continue
      }
      if (state === State.Colon) {
        if (c !== 0x3a) this.fail(i, `${describe(c)} where ':' should follow a key`)
        this.state = State.Value
        i++
        continue
      }
      // CommaOrEnd
      const top = this.stack[this.stack.length - 1]
      if (c === 0x2c) this.state = top.isArray ? State.Value : State.Key
      else if (c === (top.isArray ? 0x5d : 0x7d)) this.endContainer(i)
      else this.fail(i, `${describe(c)} where ',' or '${top.isArray ? ']' : '}'}' should be`)
      i++
    }
    if (stringFrom >= 0 && this.state === State.String) this.take(chunk, stringFrom, n)
    this.offset += n
  }

  /** End of the text. Throws {@link JsonStreamError} when the document is incomplete. */
  end(): void {
    if (this.state === State.Scalar) this.endScalar(0)
    if (this.state === State.Done) return
    const inside = this.state === State.String || this.state === State.Escape || this.state === State.Unicode ? ' inside a string' : ''
    const where = this.stack.length === 0 ? (this.hasRoot ? '' : ' (no JSON value at all)') : ` with ${this.stack.length} object(s)/array(s) still open`
    throw new JsonStreamError(this.position, `the text ends before the JSON document does${inside}${where} (cut off?)`)
  }

  /**
   * After a failure: hand every container still open to the hook, innermost first, as partial;
   * each one not dropped is attached to its parent as it stands, so the parent holds what was read.
   */
  unwind(): void {
    while (this.stack.length > 0) {
      const frame = this.stack.pop() as Frame
      const depth = this.stack.length
      this.path.length = depth
      this.ended = this.position
      const dropped = depth <= this.options.hookDepth && this.options.onContainer(this.path, frame.value, true)
      const parent = this.stack[depth - 1]
      if (dropped || !parent) continue
      if (parent.isArray) (parent.value as unknown[]).push(frame.value)
      else if (parent.key !== null && parent.key !== '__proto__') (parent.value as Record<string, unknown>)[parent.key] = frame.value
    }
  }

  private take(chunk: string, from: number, to: number): void {
    if (to > from) this.append(chunk.slice(from, to))
  }

  private append(text: string): void {
    if (this.oversized) {
      this.oversized.length += text.length
      return
    }
    this.partsLength += text.length
    if (this.partsLength > this.maxStringChars) {
      this.oversized = new OversizedString(this.partsLength, this.stringStart)
      this.parts = []
      return
    }
    this.parts.push(text)
  }

  private startString(index: number, isKey: boolean): void {
    this.parts = []
    this.partsLength = 0
    this.oversized = null
    this.stringIsKey = isKey
    this.stringStart = this.at(index)
    this.state = State.String
  }

  private endString(): void {
    const text = this.parts.length === 1 ? this.parts[0] : this.parts.join('')
    const oversized = this.oversized
    this.parts = []
    this.oversized = null
    if (this.stringIsKey) {
      if (oversized) throw new JsonStreamError(oversized.position, `a key of ${oversized.length} characters (longer than ${this.maxStringChars})`)
      this.stack[this.stack.length - 1].key = text
      this.state = State.Colon
    } else this.value_(oversized ?? text)
  }

  private endScalar(index: number): void {
    const text = this.scalar
    let value: unknown
    if (text === 'true') value = true
    else if (text === 'false') value = false
    else if (text === 'null') value = null
    else if (NUMBER.test(text)) value = Number(text)
    else throw new JsonStreamError(this.stringStart, `${JSON.stringify(text.slice(0, 40))} is not a JSON value`)
    void index
    this.value_(value)
  }

  private open(index: number, isArray: boolean): void {
    void index
    const top = this.stack[this.stack.length - 1]
    if (top) this.path.push(top.isArray ? top.index : (top.key as string))
    this.stack.push({ value: isArray ? [] : {}, isArray, key: null, index: 0 })
    this.state = isArray ? State.FirstValueOrEnd : State.KeyOrEnd
  }

  private endContainer(index: number): void {
    this.ended = this.at(index)
    const frame = this.stack.pop() as Frame
    const depth = this.stack.length
    this.path.length = depth
    const dropped = depth <= this.options.hookDepth && this.options.onContainer(this.path, frame.value, false)
    if (depth > 0) this.path.length = depth - 1
    if (dropped) this.advance()
    else this.value_(frame.value)
  }

  /** Attach a complete value to its parent. */
  private value_(value: unknown): void {
    const top = this.stack[this.stack.length - 1]
    if (!top) {
      this.root = value
      this.hasRoot = true
      this.state = State.Done
      return
    }
    if (top.isArray) (top.value as unknown[]).push(value)
    else {
      const key = top.key as string
      // A "__proto__" key must stay data, not reach the prototype.
      if (key === '__proto__') Object.defineProperty(top.value, key, { value, enumerable: true, configurable: true, writable: true })
      else (top.value as Record<string, unknown>)[key] = value
    }
    this.advance()
  }

  /** After a value (kept or dropped): the next element of the parent, or the end. */
  private advance(): void {
    const top = this.stack[this.stack.length - 1]
    if (!top) {
      this.hasRoot = true
      this.state = State.Done
      return
    }
    if (top.isArray) top.index++
    this.state = State.CommaOrEnd
  }
}
