import { afterEach, describe, expect, it } from 'vitest'
import { dispatch, type ContractBackend } from '../../shared/api/contract'
import { createBackend } from '../../main/backend/create-backend'
import type { SandboxGeneration } from '../../main/sandbox'
import { runProbe } from './run-probe'

let backend: ContractBackend | null = null
afterEach(async () => {
  await backend?.dispose()
  backend = null
})

async function probeWithExpectation(generation: SandboxGeneration, expectedGeneration: string) {
  backend = createBackend({ host: 'cli', sandbox: { generation, stepDelayMs: 2 } })
  await dispatch(backend.handlers, 'environments.save', { id: 'sandbox', expectedGeneration })
  const result = await runProbe(backend, { environmentId: 'sandbox', message: 'Analyse my cloud costs', timeoutMs: 10_000 })
  return result.findings.find((finding) => finding.code === 'server.unexpected-generation') ?? null
}

describe('the environment\'s expected generation, against the real sandbox', () => {
  it.each([
    ['beta-10', 'beta-17', true],
    ['handshake', 'beta-17', true],
    ['beta-17', 'handshake', true],
    ['beta-17', 'beta-10', true],
    ['beta-17', 'beta-17', false],
    ['beta-10', 'beta-10', false],
    ['handshake', 'handshake', false],
    // A healthy component-codes server is indistinguishable from beta-17: no claim either way.
    ['component-codes', 'beta-17', false]
  ] as const)('a %s server expected to be %s: flagged = %s', async (generation, expected, flagged) => {
    const finding = await probeWithExpectation(generation, expected)
    expect(finding !== null).toBe(flagged)
  })
})
