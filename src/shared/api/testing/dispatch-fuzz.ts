import fc from 'fast-check'
import { MAX_ERROR_MESSAGE_CHARS } from '../bounded-text'
import { ContractError, dispatch, isMethodName, METHOD_NAMES, toWireError, type ContractHandlers } from '../contract'

/**
 * The dispatch fuzzer (issue 9, item 6), shared by the suite and `npm run soak`: arbitrary
 * JSON-ish values and hostile objects (throwing getters and toString, Proxies, revoked Proxies,
 * deep nesting, huge strings) as method and payload. Every call must answer a well-formed reply
 * (ok, or {code, message} with a known code and a bounded message), nothing may throw out of the
 * reply path, nothing may hang, and a method that is not a method name answers `unknown-method`.
 */

/** Longest a single call may take before it counts as a hang. */
const CALL_TIMEOUT_MS = 5000
/** boundText's suffix `… (N more characters)` adds at most this much to a bounded message. */
const SUFFIX_ROOM = 40
/** The codes a reply may carry. */
const KNOWN_CODES = new Set(['invalid-request', 'unknown-method', 'not-found', 'failed'])
const HUGE = 'x'.repeat(4 * 1024 * 1024)
/** fast-check's `anything` at its default size spends most of a run generating; big values come from the hostile list. */
const SMALL_ANYTHING = { maxDepth: 3, maxKeys: 6, withBigInt: true, withBoxedValues: true, withMap: true, withSet: true, withNullPrototype: true, withTypedArray: true, withSparseArray: true }

/** Handlers shaped like the real backend's: most answer, two echo their input in an error like real ones do. */
const handlers = Object.fromEntries(
  METHOD_NAMES.map((name) => [
    name,
    async (request: Record<string, unknown>) => {
      if (name === 'session.records') throw new ContractError('not-found', `no session with id ${String(request.sessionId)}`)
      if (name === 'environments.classify') throw new Error(`could not classify ${String(request.url)}`)
      return { ok: true }
    }
  ])
) as unknown as ContractHandlers

function throwingTraps(): ProxyHandler<object> {
  const boom = (): never => {
    throw new Proxy({}, { get: () => { throw new Error('even the thrown value is hostile') } })
  }
  return { get: boom, has: boom, ownKeys: boom, getOwnPropertyDescriptor: boom, getPrototypeOf: boom, apply: boom, defineProperty: boom }
}

function nested(depth: number, wrap: (inner: unknown) => unknown): unknown {
  let value: unknown = {}
  for (let i = 0; i < depth; i++) value = wrap(value)
  return value
}

/** Hostile values, built per call (some are single-use, like a revoked Proxy). */
export const HOSTILE_VALUES: ReadonlyArray<readonly [string, () => unknown]> = [
  ['toString that throws', () => ({ toString: () => { throw new Error('toString says no') } })],
  ['toString not callable', () => ({ toString: 1, valueOf: 2 })],
  ['no prototype', () => Object.create(null)],
  ['a getter that throws', () => Object.defineProperty({}, 'sessionId', { enumerable: true, get: () => { throw new Error('getter') } })],
  ['a Proxy whose traps all throw', () => new Proxy({}, throwingTraps())],
  ['a revoked Proxy', () => { const { proxy, revoke } = Proxy.revocable({}, {}); revoke(); return proxy }],
  ['a throwing Proxy inside a valid-looking request', () => ({ sessionId: new Proxy({}, throwingTraps()), fromSeq: 0 })],
  ['100 000-deep arrays', () => nested(100_000, (inner) => [inner])],
  ['10 000-deep objects', () => nested(10_000, (inner) => ({ sessionId: inner }))],
  ['a 4 MiB string', () => HUGE],
  ['a 4 MiB key', () => ({ [HUGE]: 1 })],
  ['a 4 MiB value', () => ({ sessionId: HUGE, fromSeq: 0 })],
  ['a 4 MiB url', () => ({ url: HUGE.slice(0, 4096) + HUGE })],
  ['200 000 unknown keys', () => Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`k${i}`, i]))],
  ['a cycle', () => { const a: Record<string, unknown> = {}; a.self = a; return a }],
  ['a symbol', () => Symbol('method')],
  ['a bigint', () => 10n ** 30n],
  ['a function', () => () => 'session.list'],
  ['a string object', () => new String('app.info')],
  ['a prototype name', () => '__proto__'],
  ['another prototype name', () => 'hasOwnProperty'],
  ['NaN', () => Number.NaN]
]

/** Big values are built once and shared (never mutated); the slowest is only sent in the explicit pass. */
const SHARED = new Set(['100 000-deep arrays', '10 000-deep objects', 'a 4 MiB key'])
const EXPLICIT_ONLY = new Set(['200 000 unknown keys'])
const cache = new Map<string, unknown>()
const hostile = fc.constantFrom(...HOSTILE_VALUES.filter(([label]) => !EXPLICIT_ONLY.has(label))).map(([label, build]) =>
  SHARED.has(label)
    ? () => {
        if (!cache.has(label)) cache.set(label, build())
        return cache.get(label)
      }
    : build
)
const fresh = (value: unknown): (() => unknown) => () => value
const method = fc.oneof(
  { arbitrary: fc.constantFrom(...METHOD_NAMES).map(fresh), weight: 4 },
  { arbitrary: fc.string().map(fresh), weight: 1 },
  { arbitrary: fc.anything(SMALL_ANYTHING).map(fresh), weight: 2 },
  { arbitrary: hostile, weight: 2 }
)
const requestKeys = ['sessionId', 'text', 'mode', 'environmentId', 'fromSeq', 'limit', 'id', 'label', 'secret', 'url', 'faults', 'code', 'reason']
const payload = fc.oneof(
  { arbitrary: fc.anything(SMALL_ANYTHING).map(fresh), weight: 2 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }).map(fresh), weight: 1 },
  { arbitrary: fc.dictionary(fc.constantFrom(...requestKeys), fc.anything(SMALL_ANYTHING)).map(fresh), weight: 3 },
  { arbitrary: hostile, weight: 2 }
)

/** What a fuzz run saw. */
export type DispatchFuzzReport = {
  calls: number
  /** Replies per outcome (`ok` or the error code). */
  outcomes: Record<string, number>
  /** Every broken promise: a reply of the wrong shape, an unbounded message, a wrong code, a hang, a throw. */
  violations: string[]
}

/** One call as a host makes it: dispatch, then the reply path (toWireError), bounded in time; returns the outcome or a violation. */
async function callOnce(methodValue: unknown, payloadValue: unknown): Promise<{ outcome: string } | { violation: string }> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const hang = new Promise<'hang'>((resolve) => {
    timer = setTimeout(() => resolve('hang'), CALL_TIMEOUT_MS)
  })
  try {
    const answered = await Promise.race([dispatch(handlers, methodValue, payloadValue).then(() => 'ok' as const), hang])
    if (answered === 'hang') return { violation: 'a call did not answer in time' }
    if (!isMethodName(methodValue)) return { violation: 'a non-method answered ok' }
    return { outcome: 'ok' }
  } catch (error) {
    let wire: { code: string; message: string }
    try {
      wire = toWireError(error)
    } catch {
      return { violation: 'toWireError threw' }
    }
    if (Object.keys(wire).sort().join() !== 'code,message' || typeof wire.message !== 'string') return { violation: 'a reply of the wrong shape' }
    if (wire.message.length > MAX_ERROR_MESSAGE_CHARS + SUFFIX_ROOM) return { violation: `a ${wire.message.length}-character error message` }
    if (!KNOWN_CODES.has(wire.code)) return { violation: `unknown code ${wire.code.slice(0, 40)}` }
    if (!isMethodName(methodValue) && wire.code !== 'unknown-method') return { violation: `a non-method answered ${wire.code}: ${wire.message.slice(0, 80)}` }
    return { outcome: wire.code }
  } finally {
    clearTimeout(timer)
  }
}

/** Run `calls` random calls (seeded), then every hostile value once as the method and as three methods' payloads. */
export async function runDispatchFuzz(options: { calls: number; seed: number }): Promise<DispatchFuzzReport> {
  const report: DispatchFuzzReport = { calls: 0, outcomes: {}, violations: [] }
  const record = (result: { outcome: string } | { violation: string }): void => {
    report.calls++
    if ('violation' in result) report.violations.push(result.violation)
    else report.outcomes[result.outcome] = (report.outcomes[result.outcome] ?? 0) + 1
  }
  // fc.sample in chunks keeps memory flat for soak-sized runs.
  const CHUNK = 5000
  for (let done = 0; done < options.calls; done += CHUNK) {
    const pairs = fc.sample(fc.tuple(method, payload), { numRuns: Math.min(CHUNK, options.calls - done), seed: options.seed + done })
    for (const [makeMethod, makePayload] of pairs) record(await callOnce(makeMethod(), makePayload()))
  }
  for (const [, build] of HOSTILE_VALUES) {
    record(await callOnce(build(), {}))
    for (const name of ['session.records', 'session.send', 'environments.save']) record(await callOnce(name, build()))
  }
  return report
}
