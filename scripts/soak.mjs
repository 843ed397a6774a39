#!/usr/bin/env node
// `npm run soak`: the adversarial tests of the suite, run large (issue 9). Not part of `npm test`
// or CI: it takes minutes and loads the machine. Five phases, each printing its figures:
//
//   frame fuzzer     raw clients write random and mutated WebSocket frames at a web host in a
//                    child process for --fuzz-minutes while a well-behaved client keeps calling
//   dispatch fuzzer  --dispatch-calls arbitrary and hostile contract calls
//   concurrent load  --sessions sessions at once through the real backend against the real
//                    sandbox, --frames flood frames in all; zero lost, zero cross-talk
//   HAR fuzzer       --har-runs runs of each HAR importer property (cut off, garbage, flipped
//                    bytes, arbitrary bytes, valid HARs), at most --har-minutes
//   replay            every row of the fault table (41) probed against the sandbox with a recording,
//                    and the recording's replay equal to the probe's --json; npm test replays one row
//                    of each top component and verdict (src/cli/commands/replay-command.test.ts)
//
// Usage: npm run soak -- [--fuzz-minutes 5] [--fuzz-clients N] [--dispatch-calls 200000]
//                        [--sessions 200] [--frames 1000000] [--har-runs 5000] [--har-minutes 5]
//                        [--seed N] [--only fuzz|dispatch|load|har|replay]
// Exits 1 if any phase saw a failure. Runs the TypeScript sources through tsx (see package.json).
import { parseArgs } from 'node:util'
import { runFrameFuzz } from '../src/main/web/testing/frame-fuzz.ts'
import { spawnWebHost } from '../src/main/web/testing/spawn-web-host.ts'
import { runDispatchFuzz } from '../src/shared/api/testing/dispatch-fuzz.ts'
import { runConcurrentLoad } from '../src/main/backend/testing/concurrent-load.ts'
import { runHarFuzz } from '../src/main/recordings/har/testing/har-fuzz.ts'
import { replayEquivalence } from '../src/cli/probe/testing/replay-equivalence.ts'
import { EXPECTED_FAULT_DIAGNOSES } from '../src/shared/diagnosis/index.ts'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'

const { values: flags } = parseArgs({
  options: {
    'fuzz-minutes': { type: 'string', default: '5' },
    'fuzz-clients': { type: 'string', default: String(Number.MAX_SAFE_INTEGER) },
    'dispatch-calls': { type: 'string', default: '200000' },
    sessions: { type: 'string', default: '200' },
    frames: { type: 'string', default: '1000000' },
    'har-runs': { type: 'string', default: '5000' },
    'har-minutes': { type: 'string', default: '5' },
    seed: { type: 'string', default: String(Date.now() % 2 ** 31) },
    only: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false }
  }
})

if (flags.help) {
  process.stdout.write(
    'npm run soak -- [--fuzz-minutes 5] [--fuzz-clients N] [--dispatch-calls 200000] [--sessions 200] [--frames 1000000] [--har-runs 5000] [--har-minutes 5] [--seed N] [--only fuzz|dispatch|load|har|replay]\n'
  )
  process.exit(0)
}

/** A positive number flag, or exit 2 with the flag's name. */
function count(name) {
  const value = Number(flags[name])
  if (!Number.isFinite(value) || value <= 0) {
    process.stderr.write(`soak: --${name} must be a positive number (got ${flags[name]})\n`)
    process.exit(2)
  }
  return value
}

const seed = count('seed')
const ALL_PHASES = ['fuzz', 'dispatch', 'load', 'har', 'replay']
const phases = flags.only ? [flags.only] : ALL_PHASES
if (!phases.every((phase) => ALL_PHASES.includes(phase))) {
  process.stderr.write(`soak: --only must be fuzz, dispatch, load, har or replay (got ${flags.only})\n`)
  process.exit(2)
}
let failed = false
const say = (line) => process.stdout.write(`${line}\n`)

if (phases.includes('fuzz')) {
  const minutes = count('fuzz-minutes')
  say(`── frame fuzzer: ${minutes} min, seed ${seed} ──`)
  const host = await spawnWebHost()
  try {
    const started = Date.now()
    const report = await runFrameFuzz({ host, clients: count('fuzz-clients'), durationMs: minutes * 60_000, seed })
    const codes = Object.entries(report.closeCodes).sort().map(([code, n]) => `${code}×${n}`).join(', ')
    say(
      `${report.clients} raw clients, ${report.frames} frames, ${report.bytes} bytes in ${Math.round((Date.now() - started) / 1000)} s; ` +
        `close codes ${codes}; ${report.protocolErrorsLogged} protocol errors logged; well-behaved client answered ${report.bystanderCalls} calls; host alive ${host.alive()}`
    )
    for (const failure of report.failures) say(`FAIL: ${failure}`)
    failed ||= report.failures.length > 0 || !host.alive()
  } finally {
    await host.stop()
  }
}

if (phases.includes('dispatch')) {
  const calls = count('dispatch-calls')
  say(`── dispatch fuzzer: ${calls} calls, seed ${seed} ──`)
  const started = Date.now()
  const report = await runDispatchFuzz({ calls, seed })
  const outcomes = Object.entries(report.outcomes).map(([code, n]) => `${code} ${n}`).join(', ')
  say(`${report.calls} calls in ${Math.round((Date.now() - started) / 1000)} s, ${report.violations.length} violations (${outcomes})`)
  for (const violation of report.violations.slice(0, 20)) say(`FAIL: ${violation}`)
  failed ||= report.violations.length > 0
}

if (phases.includes('load')) {
  const sessions = count('sessions')
  const floodFrames = Math.max(1, Math.floor(count('frames') / sessions))
  say(`── concurrent load: ${sessions} sessions × ~${floodFrames} flood frames ──`)
  const report = await runConcurrentLoad({ sessions, floodFrames, timeoutMs: 30 * 60_000 })
  say(
    `${report.sessions} sessions, ${report.records} records (${report.floodFrames} flood frames) in ${Math.round(report.ms / 1000)} s; ` +
      `seq gaps ${report.seqGaps}, flood frames lost ${report.floodLost}, backlog mismatches ${report.backlogMismatch}, ` +
      `cross-talk ${report.crossTalk.length}, incomplete runs ${report.runsIncomplete}`
  )
  for (const line of report.crossTalk.slice(0, 20)) say(`FAIL: cross-talk: ${line}`)
  failed ||= report.seqGaps + report.floodLost + report.backlogMismatch + report.crossTalk.length + report.runsIncomplete > 0
}

if (phases.includes('har')) {
  const runs = count('har-runs')
  const minutes = count('har-minutes')
  say(`── HAR fuzzer: ${runs} runs × 5 properties, at most ${minutes} min, seed ${seed} ──`)
  const started = Date.now()
  const report = await runHarFuzz({ runs, seed, deadlineMs: minutes * 60_000 })
  say(`${report.cases} files in ${Math.round((Date.now() - started) / 1000)} s: ${report.imported} imported, ${report.refused} refused with a clear error`)
  if (report.failure) say(`FAIL: ${report.failure}`)
  failed ||= report.failure !== null
}

if (phases.includes('replay')) {
  const keys = Object.keys(EXPECTED_FAULT_DIAGNOSES)
  say(`── replay equivalence: ${keys.length} fault-table rows, probe --record then replay ──`)
  const dir = mkdtempSync(join(tmpdir(), 'netra-soak-replay-'))
  const started = Date.now()
  let equal = 0
  try {
    await replayEquivalence(keys, dir, ({ key, probed, replayed, issues }) => {
      for (const issue of issues) say(`FAIL: ${key}: ${issue}`)
      if (isDeepStrictEqual(JSON.parse(JSON.stringify(replayed)), JSON.parse(JSON.stringify(probed))) && issues.length === 0) equal++
      else say(`FAIL: ${key}: probe ${probed.verdict}/${probed.findings[0]?.code} replay ${replayed.verdict}/${replayed.findings[0]?.code}`)
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  say(`${equal} of ${keys.length} replays equal to their probe's --json in ${Math.round((Date.now() - started) / 1000)} s`)
  failed ||= equal !== keys.length
}

say(failed ? 'soak: FAILED' : 'soak: all phases passed')
process.exit(failed ? 1 : 0)
