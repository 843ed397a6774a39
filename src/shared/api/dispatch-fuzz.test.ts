import { describe, expect, it } from 'vitest'
import { ContractError, dispatch, METHOD_NAMES, toWireError, type ContractHandlers } from './contract'
import { runDispatchFuzz } from './testing/dispatch-fuzz'

/**
 * The dispatch fuzzer in the suite (issue 9, item 6): ≥ 10 000 calls of arbitrary and hostile
 * values; `npm run soak -- --dispatch-calls N` runs more. NETRA_FUZZ_SEED replays a run.
 */

const CALLS = Number(process.env.NETRA_DISPATCH_FUZZ_CALLS ?? 12_000)
const SEED = Number(process.env.NETRA_FUZZ_SEED ?? Date.now() % 2 ** 31)
const HUGE = 'x'.repeat(4 * 1024 * 1024)
const handlers = Object.fromEntries(
  METHOD_NAMES.map((name) => [
    name,
    async (request: Record<string, unknown>) => {
      if (name === 'environments.classify') throw new ContractError('not-found', `could not classify ${String(request.url)}`)
      return { ok: true }
    }
  ])
) as unknown as ContractHandlers

describe('dispatch fuzzer', () => {
  it(`answers ${CALLS}+ arbitrary and hostile calls with well-formed, bounded replies`, async () => {
    const report = await runDispatchFuzz({ calls: CALLS, seed: SEED })
    const outcomes = Object.entries(report.outcomes).map(([code, n]) => `${code} ${n}`).join(', ')
    console.log(`dispatch fuzzer (seed ${SEED}): ${report.calls} calls, ${report.violations.length} violations (${outcomes})`)
    expect(report.violations).toEqual([])
    expect(report.calls).toBeGreaterThanOrEqual(10_000)
    // Every kind of answer occurred, so the fuzzer reaches the handlers and the schemas, not only the method check.
    expect(Object.keys(report.outcomes).sort()).toEqual(expect.arrayContaining(['invalid-request', 'ok', 'unknown-method']))
  }, 180_000)

  it('names a non-string method as unknown-method without calling its toString', async () => {
    for (const value of [{ toString: 1 }, { toString: () => { throw new Error('x') } }, 42, null, ['app.info'], Object.create(null)]) {
      await expect(dispatch(handlers, value, {})).rejects.toMatchObject({
        code: 'unknown-method',
        message: expect.stringMatching(/^unknown method: expected a method name \(a string\), got (an object|an array|a number|null)$/)
      })
    }
  })

  it('quotes at most 200 characters of a huge method name, and bounds an echoing error', async () => {
    const error = await dispatch(handlers, HUGE, {}).catch((caught: unknown) => toWireError(caught))
    expect(error).toEqual({ code: 'unknown-method', message: `unknown method: ${'x'.repeat(200)}… (${HUGE.length - 200} more characters)` })
    const echoed = await dispatch(handlers, 'environments.classify', { url: 'y'.repeat(4000) }).catch((caught: unknown) => toWireError(caught))
    expect(echoed).toEqual({ code: 'not-found', message: `could not classify ${'y'.repeat(1981)}… (2019 more characters)` })
    const unknownKey = await dispatch(handlers, 'app.info', { [HUGE]: 1 }).catch((caught: unknown) => toWireError(caught))
    expect(unknownKey).toMatchObject({ code: 'invalid-request' })
    expect((unknownKey as { message: string }).message.length).toBeLessThan(200)
  })
})
