import { readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { parse, type TestCase, type TestSuite, type TestSuites } from 'junit2json'
import { afterEach, describe, expect, it } from 'vitest'
import type { ContractBackend } from '../../shared/api/contract'
import { createBackend } from '../../main/backend/create-backend'
import { MemoryKeychain } from '../../main/credentials/memory-keychain'
import { runCli } from '../commands/testing/run-cli'
import { runCliInProcess } from '../commands/testing/run-cli-in-process'
import { gateJunit } from './gate-junit'
import { runGate, type GateResult } from './run-gate'
import { testTempDir } from '../../main/testing/temp-dir'

let backend: ContractBackend | null = null

afterEach(async () => {
  await backend?.dispose()
  backend = null
})

async function gate(faults: string[], users = 1): Promise<GateResult> {
  backend = createBackend({ host: 'cli', keychain: new MemoryKeychain(), preflight: null, sandbox: { stepDelayMs: 2, faults } })
  return runGate(backend, { environmentId: 'sandbox', users, message: 'Analyse my cloud costs', timeoutMs: 20_000 })
}

/** The test cases of a gate's JUnit, read back by a maintained JUnit reader. */
async function junitCases(xml: string): Promise<{ suite: TestSuite; cases: TestCase[] }> {
  const parsed = (await parse(xml)) as TestSuites
  const suite = parsed.testsuite?.[0] as TestSuite
  return { suite, cases: suite.testcase ?? [] }
}

function failedIds(cases: TestCase[]): string[] {
  return [...new Set(cases.filter((testCase) => testCase.failure?.length).map((testCase) => (testCase.classname ?? '').replace('golden-path.', '')))].sort()
}

describe('check golden-path against the real sandbox', () => {
  it('passes every check of a healthy sandbox, and its JUnit reads back case by case', async () => {
    const result = await gate([])
    expect(result.passed).toBe(true)
    const { suite, cases } = await junitCases(gateJunit(result))
    expect(cases.map((testCase) => testCase.classname)).toEqual([
      'golden-path.connects',
      'golden-path.runs-complete',
      'golden-path.critical-events',
      'golden-path.pipeline-order',
      'golden-path.data-request-or-report',
      'golden-path.service-levels'
    ])
    expect(suite.tests).toBe(6)
    expect(suite.failures).toBe(0)
    expect(cases.every((testCase) => !testCase.failure && testCase.name?.endsWith('[isolation-user-01]'))).toBe(true)
    expect(cases.find((testCase) => testCase.classname === 'golden-path.data-request-or-report')?.['system-out']?.[0]).toMatch(/data_request from data_helper \(frame #\d+\)/)
  }, 60_000)

  it.each([
    ['missing-tool-completed', 'critical-events', /tool_executing for data_helper \(frame #\d+\) was never answered by a tool_completed before its agent_completed \(frame #\d+\)/],
    ['optimization-before-data', 'pipeline-order', /expected data before optimization; optimization started at frame #\d+/],
    ['slow-llm:5200', 'service-levels', /expected data processing within 5\.00 s; data_helper took \d+\.\d+ s \(frames #\d+–#\d+\)/],
    ['agent-death', 'runs-complete', /expected the Supervisor's agent_completed; got agent_death from data_helper at frame #\d+/]
  ])('fault %s fails the %s case with a message a CI reader understands', async (fault, failing, message) => {
    const result = await gate([fault])
    expect(result.passed).toBe(false)
    const { suite, cases } = await junitCases(gateJunit(result))
    expect(failedIds(cases)).toContain(failing)
    const failure = cases.find((testCase) => testCase.classname === `golden-path.${failing}`)?.failure?.[0]
    expect(failure?.message).toMatch(message)
    expect(failure?.inner).toMatch(/frame numbers are this session's seq/)
    expect(suite.failures).toBe(cases.filter((testCase) => testCase.failure?.length).length)
  }, 60_000)

  it('fault cross-user-leak with 3 users fails the isolation case of the users who received another user\'s event', async () => {
    const result = await gate(['cross-user-leak'], 3)
    const { cases } = await junitCases(gateJunit(result))
    expect(cases).toHaveLength(3 * 6 + 3)
    const isolation = cases.filter((testCase) => testCase.classname === 'golden-path.isolation')
    expect(isolation.map((testCase) => testCase.name)).toEqual(['isolation [isolation-user-01]', 'isolation [isolation-user-02]', 'isolation [isolation-user-03]'])
    const failed = isolation.filter((testCase) => testCase.failure?.length)
    expect(failed.length).toBeGreaterThan(0)
    expect(failed[0].failure?.[0].message).toMatch(/expected only events of user isolation-user-0\d; got \d+ of other users: frame #\d+ agent_thinking \(user_id isolation-user-0\d, run_id run_\w+\) belongs to isolation-user-0\d \(its frame #\d+ in session s-\w+\) \[certain\]/)
    expect(result.isolation?.matrix.flat().reduce((sum, count) => sum + count, 0)).toBeGreaterThan(0)
  }, 60_000)

  it('the CLI: exit 0 and a JUnit file when all pass, 3 when one fails, 2 on a usage error before any network work', async () => {
    const dataDir = testTempDir('netra-gate-')
    const junit = join(dataDir, 'gate.xml')
    // A child process: a CI gate must end by itself with its status (no session left holding it open).
    const healthy = await runCli(['check', 'golden-path', '--env', 'sandbox', '--junit', junit, '--json'], dataDir)
    expect(healthy.stderr).toBe('')
    expect(healthy.code).toBe(0)
    const printed = JSON.parse(healthy.stdout) as GateResult
    expect(printed.checks.map((check) => [check.name, check.status])).toContainEqual(['critical-events [isolation-user-01]', 'passed'])
    expect((await junitCases(readFileSync(junit, 'utf8'))).suite.failures).toBe(0)

    const dying = await runCliInProcess(['check', 'golden-path', '--env', 'sandbox', '--fault', 'agent-death'], dataDir)
    expect(dying.code).toBe(3)
    expect(dying.stdout).toMatch(/✗ runs-complete \[isolation-user-01\]/)

    const usage = await runCliInProcess(['check', 'golden-path', '--url', 'wss://api.staging.netrasystems.ai/ws', '--users', '3', '--junit', join(dataDir, 'never.xml')], dataDir)
    expect(usage.code).toBe(2)
    expect(usage.stderr).toMatch(/--users 3 outside the sandbox needs 3 distinct users/)
    expect(existsSync(join(dataDir, 'never.xml'))).toBe(false)
    const both = await runCliInProcess(['check', 'golden-path', '--env', 'sandbox', '--url', 'ws://x', '--users', 'lots'], dataDir)
    expect(both.code).toBe(2)
  }, 120_000)
})
