import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_ERROR_MESSAGE_CHARS } from './bounded-text'
import { ContractError, dispatch, isMethodName, METHOD_NAMES, toWireError, type ContractHandlers } from './contract'

/**
 * The dispatch fuzzer (issue 9, item 6): ≥ 10 000 calls of arbitrary JSON-ish values and hostile
 * objects (throwing getters and toString, Proxies, revoked Proxies, deep nesting, huge strings).
 * Every call must answer a well-formed reply, nothing may throw out of the reply path, nothing
 * may hang, and no error may quote its input beyond the bound.
 */

const CALLS = Number(process.env.NETRA_DISPATCH_FUZZ_CALLS ?? 12_000)
const SEED = Number(process.env.NETRA_FUZZ_SEED ?? Date.now() % 2 ** 31)
const CALL_TIMEOUT_MS = 5000
/** boundText's suffix `… (N more characters)` adds at most this much to a bounded message. */
const SUFFIX_ROOM = 40
const HUGE = 'x'.repeat(4 * 1024 * 1024)
/** fast-check's `anything` at its default size spends most of the run generating; big values come from the hostile list. */
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

/** Fresh hostile values (built per call: some are single-use, like a revoked Proxy). */
const hostileBuilders: Array<[string, () => unknown]> = [
  ['toString that throws', () => ({ toString: () => { throw new Error('toString says no') } })],
  ['toString not callable', () => ({ toString: 1, valueOf: 2 })],
  ['no prototype', () => Object.create(null)],
  ['a getter that throws', () => Object.defineProperty({}, 'sessionId', { enumerable: true, get: () => { throw new Error('getter') } })],
  ['a Proxy whose traps all throw', () => new Proxy({}, throwingTraps())],
  ['a revoked Proxy', () => { const { proxy, revoke } = Proxy.revocable({}, {}); revoke(); return proxy }],
  ['a throwing Proxy inside a valid-looking request', () => ({ sessionId: new Proxy({}, throwingTraps()), fromSeq: 0 })],
  ['100 000-deep arrays', () => deepArray(100_000)],
  ['10 000-deep objects', () => deepObject(10_000)],
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
  ['prototype names', () => '__proto__'],
  ['prototype names', () => 'hasOwnProperty'],
  ['NaN', () => Number.NaN]
]

function throwingTraps(): ProxyHandler<object> {
  const boom = (): never => {
    throw new Proxy({}, { get: () => { throw new Error('even the thrown value is hostile') } })
  }
  return { get: boom, has: boom, ownKeys: boom, getOwnPropertyDescriptor: boom, getPrototypeOf: boom, apply: boom, defineProperty: boom }
}

function deepArray(depth: number): unknown {
  let value: unknown = []
  for (let i = 0; i < depth; i++) value = [value]
  return value
}

function deepObject(depth: number): unknown {
  let value: unknown = {}
  for (let i = 0; i < depth; i++) value = { sessionId: value }
  return value
}

/** Big values are built once and shared (they are never mutated); small ones are built per call. */
const cache = new Map<number, unknown>()
const EXPENSIVE = new Set(['100 000-deep arrays', '10 000-deep objects', 'a 4 MiB key'])
/** Too slow to draw thousands of times (listing 200 000 keys costs ~250 ms); the explicit pass below sends it. */
const EXPLICIT_ONLY = new Set(['200 000 unknown keys'])
const drawable = hostileBuilders.map((entry, index) => ({ entry, index })).filter(({ entry }) => !EXPLICIT_ONLY.has(entry[0]))
const hostile = fc.constantFrom(...drawable).map(({ entry: [label, build], index }) => {
  if (!EXPENSIVE.has(label)) return build
  return () => {
    if (!cache.has(index)) cache.set(index, build())
    return cache.get(index)
  }
})
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

type Outcome = 'ok' | 'invalid-request' | 'unknown-method' | 'not-found' | 'failed'

/** One call as a host makes it: dispatch, then the reply path (toWireError), bounded in time. */
async function call(methodValue: unknown, payloadValue: unknown): Promise<Outcome> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('dispatch did not answer in time')), CALL_TIMEOUT_MS)
  })
  try {
    await Promise.race([dispatch(handlers, methodValue, payloadValue), hang])
    return 'ok'
  } catch (error) {
    if (error instanceof Error && error.message === 'dispatch did not answer in time') throw error
    const wire = toWireError(error)
    expect(Object.keys(wire).sort()).toEqual(['code', 'message'])
    expect(typeof wire.message).toBe('string')
    expect(wire.message.length).toBeLessThanOrEqual(MAX_ERROR_MESSAGE_CHARS + SUFFIX_ROOM)
    expect(['invalid-request', 'unknown-method', 'not-found', 'failed']).toContain(wire.code)
    return wire.code as Outcome
  } finally {
    clearTimeout(timer)
  }
}

describe('dispatch fuzzer', () => {
  it(`answers ${CALLS} arbitrary and hostile calls with well-formed, bounded replies`, async () => {
    const counts = new Map<Outcome, number>()
    let calls = 0
    await fc.assert(
      fc.asyncProperty(method, payload, async (makeMethod, makePayload) => {
        const methodValue = makeMethod()
        const outcome = await call(methodValue, makePayload())
        calls++
        counts.set(outcome, (counts.get(outcome) ?? 0) + 1)
        if (!isMethodName(methodValue)) expect(outcome).toBe('unknown-method')
      }),
      { numRuns: CALLS, seed: SEED, endOnFailure: true }
    )
    // Every hostile value as the method and as the payload of a real method, once each, on top.
    for (const [, build] of hostileBuilders) {
      expect(await call(build(), {})).toBe('unknown-method')
      for (const name of ['session.records', 'session.send', 'environments.save'] as const) {
        const outcome = await call(name, build())
        counts.set(outcome, (counts.get(outcome) ?? 0) + 1)
        calls += 1
      }
      calls += 1
    }
    expect(calls).toBeGreaterThanOrEqual(10_000)
    const summary = [...counts].map(([code, n]) => `${code} ${n}`).join(', ')
    console.log(`dispatch fuzzer (seed ${SEED}): ${calls} calls, all answered well-formed and bounded (${summary})`)
  }, 180_000)

  it('names a non-string method as unknown-method without calling its toString', async () => {
    for (const value of [{ toString: 1 }, { toString: () => { throw new Error('x') } }, 42, null, ['app.info'], Object.create(null)]) {
      await expect(dispatch(handlers, value, {})).rejects.toMatchObject({
        code: 'unknown-method',
        message: expect.stringMatching(/^unknown method: expected a method name \(a string\), got (an object|an array|a number|null)$/)
      })
    }
  })

  it('quotes at most 200 characters of a huge method name or echoed input', async () => {
    const error = await dispatch(handlers, HUGE, {}).catch((caught: unknown) => toWireError(caught))
    expect(error).toEqual({ code: 'unknown-method', message: `unknown method: ${'x'.repeat(200)}… (${HUGE.length - 200} more characters)` })
    const echoed = await dispatch(handlers, 'environments.classify', { url: 'y'.repeat(4000) }).catch((caught: unknown) => toWireError(caught))
    expect(echoed).toMatchObject({ code: 'failed' })
    const unknownKey = await dispatch(handlers, 'app.info', { [HUGE]: 1 }).catch((caught: unknown) => toWireError(caught))
    expect(unknownKey).toMatchObject({ code: 'invalid-request' })
    expect((unknownKey as { message: string }).message.length).toBeLessThan(500)
  })
})
