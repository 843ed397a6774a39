import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { FrameRecord } from '../../shared/api/frame-record'
import { SessionBuilder } from '../../shared/diagnosis/testing/session-builder'
import { headerLine, newSessionLogHeader, recordLine } from '../../shared/session-log/session-log-format'
import { openSessionLog } from '../recordings/open-session-log'
import { exportToFile, type ExportRequest } from './export-session'
import {
  builtVerdictWorker,
  sourceVerdictWorker,
  VERDICT_WORKER_FROM_BYTES,
  verdictWorkerFor,
  type VerdictWorkerScript
} from './har-verdict'

const dir = mkdtempSync(join(tmpdir(), 'netra-har-verdict-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A run cut off mid-flood with no close: the verdict depends on the recording being finished (`ended`). */
function cutOffSession(): FrameRecord[] {
  const builder = new SessionBuilder({ kind: 'staging', url: 'wss://api.staging.netrasystems.ai/ws' })
    .start()
    .token()
    .attempt(1, 1)
    .accepted()
    .greeting()
    .ask()
  builder.run([{ name: 'data', stopAfter: 'agent_thinking' }], {
    runId: 'run_cut',
    stopBeforeSupervisorEnd: true
  })
  for (let i = 0; i < 6000; i++)
    builder.wait(0.25).incoming({ type: 'stream_chunk', data: { index: i, chunk: 'x'.repeat(900) } })
  return builder.records
}

/** Export the recording at `path` as a one-pass HAR into `out`, the verdict folded where `verdictWorker` says. */
async function exportHar(
  path: string,
  out: string,
  verdictWorker: VerdictWorkerScript | null,
  ended: boolean
): Promise<void> {
  const log = await openSessionLog(path)
  try {
    const { records: count } = await log.indexed
    const source: ExportRequest['source'] = {
      sessionId: log.header.sessionId,
      count,
      readRange: log.readRange,
      ended,
      logLines: { path, offsetOf: log.offsetOf, firstLine: 2 }
    }
    await exportToFile({
      format: 'har',
      source,
      header: log.header,
      out,
      app: { name: 'n', version: 'v' },
      diagnosis: { nowMs: 1_764_582_100_000 },
      verdictWorker
    })
  } finally {
    await log.close()
  }
}

const recording = (): string => {
  const path = join(dir, 'cut-off.ndjson')
  if (!existsSync(path))
    writeFileSync(
      path,
      headerLine(
        newSessionLogHeader('s-cut', 1_764_582_000_000, { name: 'netra-diagnostics', version: 'test' })
      ) + cutOffSession().map(recordLine).join('')
    )
  return path
}

/** A worker script of plain JavaScript that answers as `body` says. */
function fakeWorker(name: string, body: string): VerdictWorkerScript {
  const file = join(dir, `${name}.js`)
  writeFileSync(
    file,
    `const { parentPort } = require('node:worker_threads')\nlet batches = 0\nparentPort.on('message', (message) => {\n${body}\n})\n`
  )
  return { file, viaTsx: false }
}

describe("the HAR's verdict in a worker thread", () => {
  it('says what the writer’s own thread says, for a recording that is finished and for one still being written', async () => {
    const path = recording()
    for (const ended of [true, false]) {
      await exportHar(path, join(dir, `thread-${ended}.har`), null, ended)
      await exportHar(path, join(dir, `worker-${ended}.har`), sourceVerdictWorker(), ended)
      expect(readFileSync(join(dir, `worker-${ended}.har`), 'utf8')).toBe(
        readFileSync(join(dir, `thread-${ended}.har`), 'utf8')
      )
    }
    // The two states judge differently, so the worker was told which one it judged.
    const comment = (ended: boolean): string =>
      (JSON.parse(readFileSync(join(dir, `worker-${ended}.har`), 'utf8')) as { log: { comment: string } }).log
        .comment
    expect(comment(true)).not.toBe(comment(false))
  })

  it('fails the export with its reason, and leaves no file, when the worker cannot start, reports a failure, exits early or falls silent', async () => {
    const path = recording()
    const cases: Array<[VerdictWorkerScript, RegExp]> = [
      [
        { file: join(dir, 'no-such-worker.js'), viaTsx: false },
        /the HAR's verdict failed: Cannot find module/
      ],
      [
        fakeWorker('reports', `parentPort.postMessage({ kind: 'failed', message: 'model out of bounds' })`),
        /the HAR's verdict failed: model out of bounds/
      ],
      [
        fakeWorker(
          'exits',
          `if (++batches === 2) process.exit(3)\nparentPort.postMessage({ kind: 'folded' })`
        ),
        /stopped before its answer \(its thread exited with code 3\)/
      ],
      [fakeWorker('throws', `throw new Error('bad batch')`), /the HAR's verdict failed: bad batch/],
      // Takes batches and never answers: the writer stops waiting (bounded) instead of hanging the export.
      [
        { ...fakeWorker('silent', ''), silenceMs: 300 },
        /the HAR's verdict stopped answering \(nothing from its thread in 0\.3 s\)/
      ]
    ]
    for (const [script, reason] of cases) {
      const out = join(dir, 'failed.har')
      await expect(exportHar(path, out, script, true)).rejects.toThrow(reason)
      expect(existsSync(out)).toBe(false)
    }
  })
})

describe('where the verdict is folded', () => {
  const built: VerdictWorkerScript = { file: '/app/out/main/har-verdict-worker.js', viaTsx: false }
  it('uses the built worker for a big log only, and what the caller names whatever the size', () => {
    expect(verdictWorkerFor(VERDICT_WORKER_FROM_BYTES - 1, undefined, () => built)).toBeNull()
    expect(verdictWorkerFor(VERDICT_WORKER_FROM_BYTES, undefined, () => built)).toBe(built)
    // No built worker (a run from source): the writer's thread.
    expect(verdictWorkerFor(10 * VERDICT_WORKER_FROM_BYTES, undefined, () => null)).toBeNull()
    expect(verdictWorkerFor(10 * VERDICT_WORKER_FROM_BYTES, null, () => built)).toBeNull()
    const named = sourceVerdictWorker()
    expect(verdictWorkerFor(1, named, () => built)).toBe(named)
  })
})

describe('the built worker script', () => {
  it('is found beside the bundle, or one level up from a shared chunk, and is missing from source', () => {
    const main = join(dir, 'out', 'main')
    mkdirSync(join(main, 'chunks'), { recursive: true })
    expect(builtVerdictWorker(join(main, 'chunks'))).toBeNull()
    writeFileSync(join(main, 'har-verdict-worker.js'), '')
    expect(builtVerdictWorker(join(main, 'chunks'))).toEqual({
      file: join(main, 'har-verdict-worker.js'),
      viaTsx: false
    })
    expect(builtVerdictWorker(main)).toEqual({ file: join(main, 'har-verdict-worker.js'), viaTsx: false })
    // This test runs from source: the HAR folds in the writer's thread unless told otherwise.
    expect(builtVerdictWorker()).toBeNull()
  })
})
