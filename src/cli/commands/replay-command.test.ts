import { spawn } from 'node:child_process'
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { EXPECTED_FAULT_DIAGNOSES } from '../../shared/diagnosis'
import type { ProbeResult } from '../probe/probe-result'
import { replayEquivalence, representativeFaultKeys } from '../probe/testing/replay-equivalence'
import { runCliInProcess } from './testing/run-cli-in-process'

const root = join(__dirname, '..', '..', '..')
const dir = mkdtempSync(join(tmpdir(), 'netra-replay-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The CLI as a child process: kept for one replay, so its exit status is the process's own. */
function spawnCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli/index.ts'), ...args], { cwd: root, env: { ...process.env, NO_COLOR: '1', NETRA_DIAG_DATA_DIR: join(dir, 'data') } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** The CLI through its own main() in this process: what it prints and the status it sets. */
const runCli = (args: string[]): ReturnType<typeof runCliInProcess> => runCliInProcess(args, join(dir, 'data'))

describe('replay of a probe recording', () => {
  it('equals the probe\'s own --json (minus its duration) for a fault of every top component and verdict of the fault table', async () => {
    // All 41 rows: `npm run soak -- --only replay` (minutes of probes; npm test keeps this bounded slice).
    const keys = representativeFaultKeys()
    const kinds = (list: readonly string[]): string[] => [...new Set(list.map((key) => `${EXPECTED_FAULT_DIAGNOSES[key].topComponent}/${EXPECTED_FAULT_DIAGNOSES[key].verdict}`))].sort()
    expect(kinds(keys)).toEqual(kinds(Object.keys(EXPECTED_FAULT_DIAGNOSES)))
    expect(keys).toContain('integration-failure@component-codes')
    const seen: string[] = []
    await replayEquivalence(keys, dir, ({ key, probed, replayed, issues }) => {
      seen.push(key)
      expect(issues, key).toEqual([])
      expect(replayed, key).toEqual(probed)
    })
    expect(seen.sort()).toEqual([...keys].sort())
  }, 300_000)
})

describe('netra-diag replay', () => {
  it('prints the same text and exit status as probe, and a cut-off recording as cut off', async () => {
    const file = join(dir, 'cli.ndjson')
    const probe = await runCli(['probe', '--env', 'sandbox', '--fault', 'redis-failure', '--record', file, '--timeout', '10'])
    const replay = await spawnCli(['replay', file])
    expect(replay.code).toBe(probe.code)
    // Same report, line for line, but the duration in the verdict line.
    const strip = (text: string): string => text.replace(/\(\w[\w-]*, \d+ ms\)/, '(…)')
    expect(strip(replay.stdout)).toBe(strip(probe.stdout))

    // Kill the recording before its close: never "open, healthy".
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean)
    const closeAt = lines.findIndex((line) => line.includes('"kind":"close"'))
    const cut = join(dir, 'cut.ndjson')
    writeFileSync(cut, `${lines.slice(0, closeAt).join('\n')}\n`)
    const cutReplay = await runCli(['replay', cut, '--json'])
    const result = JSON.parse(cutReplay.stdout) as ProbeResult
    expect(result.outcome).toBe('cut-off')
    expect(result.cutOff?.seq).toBe(closeAt - 2)
    expect(result.verdict).not.toBe('healthy')
    expect(result.findings.map((finding) => finding.code)).toContain('client.recording-cut-off')
    const text = await runCli(['replay', cut])
    expect(text.stdout).toMatch(/close\s+cut off — the recording ends at \d\d:\d\d:\d\d UTC \(\+[\d.]+ m?s\) without a close/)
    // The exports that diagnose say it too, never "healthy … open".
    const markdown = await runCli(['export', cut, '--format', 'markdown'])
    expect(markdown.stdout).toMatch(/Cut off — the recording ends at \d\d:\d\d:\d\d UTC/)
    expect(markdown.stdout).not.toMatch(/Verdict: healthy/)
  }, 240_000)

  it('names the file and line of a damaged record, keeps the rest, and exits 2 on what is not a recording', async () => {
    const file = join(dir, 'damaged.ndjson')
    const good = readFileSync(join(dir, 'cli.ndjson'), 'utf8').split('\n').filter(Boolean)
    writeFileSync(file, `${[...good.slice(0, 4), '{"seq":3,"t":garbled', ...good.slice(4)].join('\n')}\n`)
    const damaged = await runCli(['replay', file, '--json'])
    expect(damaged.stderr).toContain(`${file}:5:`)
    expect(JSON.parse(damaged.stdout)).toHaveProperty('verdict')

    const empty = join(dir, 'empty.ndjson')
    writeFileSync(empty, '')
    const refused = await runCli(['replay', empty])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain(empty)
    expect((await runCli(['replay', join(dir, 'missing.ndjson')])).code).toBe(2)
    expect((await runCli(['replay'])).code).toBe(2)

    const har = join(dir, 'capture.har')
    appendFileSync(har, '{"log":{"version":"1.2","creator":{"name":"test","version":"1"},"entries":[]}}')
    const harRun = await runCli(['replay', har])
    expect(harRun.code).toBe(2)
    expect(harRun.stderr).toContain('capture.har')
  }, 240_000)

  it('replays a HAR file like the recording it was exported from (verdict, top finding, exit status)', async () => {
    // A HAR holds the WebSocket only (no health checks) and not the probe's judgment note, so it is judged
    // like a recording the app made, at its last record: compare with that recording without the note,
    // for a fault the WebSocket alone shows (an agent dies mid-run).
    const probed = join(dir, 'agent-death.ndjson')
    await runCli(['probe', '--env', 'sandbox', '--fault', 'agent-death', '--record', probed, '--timeout', '10'])
    const recording = join(dir, 'agent-death-without-judgment.ndjson')
    writeFileSync(recording, readFileSync(probed, 'utf8').split('\n').filter((line) => !line.includes('probe judgment ')).join('\n'))
    const har = join(dir, 'cli-export.har')
    expect((await runCli(['export', probed, '--format', 'har', '--out', har])).code).toBe(0)
    const fromRecording = await runCli(['replay', recording, '--json'])
    const fromHar = await runCli(['replay', har, '--json'])
    expect(fromHar.stderr).not.toMatch(/not supported/)
    const a = JSON.parse(fromRecording.stdout) as ProbeResult
    const b = JSON.parse(fromHar.stdout) as ProbeResult
    expect(b.verdict).toBe(a.verdict)
    expect(b.findings[0]?.code).toBe(a.findings[0]?.code)
    expect(fromHar.code).toBe(fromRecording.code)
    // --entry is for HAR files only.
    expect((await runCli(['replay', probed, '--entry', '0'])).code).toBe(2)
  }, 240_000)
})
