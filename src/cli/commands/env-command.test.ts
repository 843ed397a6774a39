import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCliInProcess as runCli } from './testing/run-cli-in-process'
import { testTempDir } from '../../main/testing/temp-dir'

describe('netra-diag env', () => {
  it('adds, edits, lists (--json), resets and removes environments in the shared file', async () => {
    const dir = testTempDir('netra-cli-env-')
    const added = await runCli(['env', 'add', '--name', 'Customer X', '--ws-url', 'wss://api-staging.netrasystems.ai/ws', '--retries', '4', '--sla-answer', '30000'], dir)
    expect(added).toMatchObject({ code: 0, stdout: 'added customer-x (staging)\n' })
    const edited = await runCli(['env', 'edit', 'production', '--retry-delay', '250', '--expected-generation', 'beta-17', '--auth-method', 'header'], dir)
    expect(edited.code).toBe(0)
    expect(edited.stdout).toMatch(/retries 3×250 ms/)
    const listed = await runCli(['env', 'list', '--json'], dir)
    const { environments } = JSON.parse(listed.stdout) as { environments: Array<Record<string, unknown>> }
    expect(environments.find((environment) => environment.id === 'customer-x')).toMatchObject({ retries: { attempts: 4, delayMs: 1000 }, sla: { fullAnswerMs: 30_000 } })
    expect(environments.find((environment) => environment.id === 'production')).toMatchObject({ customized: true, authMethod: 'header', expectedGeneration: 'beta-17' })
    expect(JSON.parse(readFileSync(join(dir, 'environments.json'), 'utf8')).custom).toHaveLength(1)
    expect((await runCli(['env', 'list'], dir)).stdout).toMatch(/customer-x {2}Customer X {2}\[staging; custom\]/)
    expect((await runCli(['env', 'reset', 'production'], dir)).code).toBe(0)
    expect((await runCli(['env', 'remove', 'customer-x'], dir)).stdout).toBe('removed customer-x\n')
  }, 60_000)

  it('exits 2 with a one-line reason on usage errors', async () => {
    const dir = testTempDir('netra-cli-env-')
    const cases: Array<[string[], RegExp]> = [
      [['env', 'add', '--name', 'x'], /needs --name and --ws-url/i],
      [['env', 'add', '--name', 'x', '--ws-url', 'https://h/ws'], /WebSocket URL must start with ws:\/\//],
      [['env', 'add', '--name', 'x', '--ws-url', 'wss://h/ws', '--retries', 'many'], /--retries must be a whole number/],
      [['env', 'add', '--name', 'x', '--ws-url', 'wss://h/ws', '--kind', 'moon'], /argument 'moon' is invalid/],
      [['env', 'edit', 'nope', '--retries', '2'], /unknown environment "nope"/i],
      [['env', 'edit', 'staging'], /at least one field/i],
      [['env', 'remove', 'production'], /built-in environment: it cannot be removed/]
    ]
    for (const [args, message] of cases) {
      const result = await runCli(args, dir)
      expect(result.code, args.join(' ')).toBe(2)
      expect(result.stderr, args.join(' ')).toMatch(message)
    }
  }, 60_000)

  it('classifies a pasted URL', async () => {
    const dir = testTempDir('netra-cli-env-')
    const result = await runCli(['env', 'classify', 'staging.netrasystems.ai/api/v1/websocket', '--json'], dir)
    expect(JSON.parse(result.stdout)).toMatchObject({ kind: 'staging', host: 'staging.netrasystems.ai', knownHost: true })
  })
})
