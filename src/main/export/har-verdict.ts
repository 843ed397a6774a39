import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { FoldedSession, type SessionDiagnosisOptions } from '../../shared/diagnosis'
import { transferablesOf, unpackFeed, type FeedBatch } from '../../shared/session-model'

/** The HAR log's verdict: what its `comment` says. */
export type HarVerdict = { verdict: string; summary: string }

/**
 * The diagnosis of a HAR export, folded batch by batch as the writer reads the log (bulk output
 * frames arrive as their type only and are kept as numbers, see `FoldedSession`), then the whole
 * session diagnosed.
 */
export class VerdictModel {
  private readonly session: FoldedSession

  constructor(sessionId: string) {
    this.session = new FoldedSession(sessionId)
  }

  /** Fold the next batch, in log order. */
  add(batch: FeedBatch): void {
    this.session.add(unpackFeed(batch))
  }

  /** The verdict over everything folded; a finished recording without its close is cut off, not open (see endRecords). */
  verdict(ended: boolean, options?: SessionDiagnosisOptions): HarVerdict {
    const diagnosis = this.session.diagnose(options, ended)
    return { verdict: diagnosis.verdict, summary: diagnosis.summary }
  }
}

/** Where the verdict is folded while the writer goes on: in a worker thread, or in the writer's own thread. */
export interface VerdictFold {
  /** A segment's records, in log order. Resolves once the fold may take more: a worker holds a few batches at most. */
  add(batch: FeedBatch): Promise<void>
  /** The verdict over every batch added. */
  verdict(ended: boolean, options?: SessionDiagnosisOptions): Promise<HarVerdict>
  /** Let go of the worker: after the verdict, or when the export stops early. */
  close(): Promise<void>
}

/** In the writer's own thread (no worker script, or a caller that asks for none). */
class ThreadFold implements VerdictFold {
  private readonly model: VerdictModel

  constructor(sessionId: string) {
    this.model = new VerdictModel(sessionId)
  }

  async add(batch: FeedBatch): Promise<void> {
    this.model.add(batch)
  }

  async verdict(ended: boolean, options?: SessionDiagnosisOptions): Promise<HarVerdict> {
    return this.model.verdict(ended, options)
  }

  async close(): Promise<void> {}
}

/** What the writer's thread tells the verdict's worker. */
export type ToVerdictWorker =
  { kind: 'batch'; batch: FeedBatch } | { kind: 'verdict'; ended: boolean; options?: SessionDiagnosisOptions }
/** What the verdict's worker answers: a batch folded, the verdict, or why it could not. */
export type FromVerdictWorker =
  { kind: 'folded' } | ({ kind: 'verdict' } & HarVerdict) | { kind: 'failed'; message: string }

/**
 * Batches sent and not yet folded before `add` waits. A batch is one 1 MiB segment of the log:
 * ~25 bytes of packed numbers per bulk output frame, and the text of any other frame, so the
 * writer is at most ~16 MiB of log ahead (up to ~32 MB as strings). Measured on the 2-core
 * machine, the CLI's HAR of 1 M frames against the fold in the writer's thread: 4 in flight kept
 * the writer waiting on the worker (0.85×, and 1.12× at 100 k); 16 gave 0.79× at 1 M and 1.03× at 100 k, as 64 did.
 */
const MAX_BATCHES_IN_FLIGHT = 16

/**
 * How to start the verdict's worker: its built script, or its source run through tsx (tests,
 * scripts under tsx); `silenceMs` bounds how long it may leave the writer waiting for an answer.
 */
export type VerdictWorkerScript = { file: string; viaTsx: boolean; silenceMs?: number }

/**
 * How long the writer waits for the worker's next answer (a batch folded, the verdict) before the
 * export fails. A batch is one 1 MiB segment, folded in milliseconds; the verdict of a million
 * frames takes about a second. Only a worker that hangs comes near this.
 */
export const VERDICT_SILENCE_MS = 60_000

const WORKER_NAME = 'har-verdict-worker'

/**
 * The built worker script beside the bundle that runs this code (`here`): in `out/main/` for the
 * app and the CLI, one level up when this code sits in a shared chunk (`out/main/chunks/`), or the
 * folder of a bench bundle. Null when there is none (a run from source).
 */
export function builtVerdictWorker(here: string = __dirname): VerdictWorkerScript | null {
  for (const folder of [here, join(here, '..')]) {
    const file = join(folder, `${WORKER_NAME}.js`)
    if (existsSync(file)) return { file, viaTsx: false }
  }
  return null
}

/** The worker's source, run through tsx: what tests use to hold the worker to the same answer as the thread. */
export function sourceVerdictWorker(): VerdictWorkerScript {
  return { file: join(__dirname, `${WORKER_NAME}.ts`), viaTsx: true }
}

/** The verdict's worker, fed and asked from the writer's thread; its failure fails the export with its reason. */
class WorkerFold implements VerdictFold {
  private readonly worker: Worker
  private readonly silenceMs: number
  private inFlight = 0
  private failure: Error | null = null
  private answered = false
  /** Who waits for the next message (a batch folded, the verdict) or for the worker's failure. */
  private waiter: { resolve: (message: FromVerdictWorker) => void; reject: (error: Error) => void } | null =
    null

  constructor(script: VerdictWorkerScript, sessionId: string) {
    const workerData = { sessionId }
    this.silenceMs = script.silenceMs ?? VERDICT_SILENCE_MS
    if (script.viaTsx) {
      const tsx = createRequire(__filename).resolve('tsx/cjs')
      this.worker = new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(script.file)})`, {
        eval: true,
        workerData
      })
    } else this.worker = new Worker(script.file, { workerData })
    this.worker.on('message', (message: FromVerdictWorker) => {
      if (message.kind === 'failed')
        return this.fail(new Error(`the HAR's verdict failed: ${message.message}`))
      if (message.kind === 'folded') this.inFlight--
      else this.answered = true
      const waiter = this.waiter
      this.waiter = null
      waiter?.resolve(message)
    })
    this.worker.on('error', (error) => this.fail(new Error(`the HAR's verdict failed: ${error.message}`)))
    this.worker.on('messageerror', (error) =>
      this.fail(new Error(`the HAR's verdict failed: its answer could not be read (${error.message})`))
    )
    this.worker.on('exit', (code) => {
      if (!this.answered)
        this.fail(
          new Error(`the HAR's verdict stopped before its answer (its thread exited with code ${code})`)
        )
    })
  }

  private fail(error: Error): void {
    if (this.failure) return
    this.failure = error
    const waiter = this.waiter
    this.waiter = null
    waiter?.reject(error)
  }

  /** The worker's next answer, or its failure; bounded: a worker silent for `silenceMs` fails the export. */
  private next(): Promise<FromVerdictWorker> {
    if (this.failure) return Promise.reject(this.failure)
    const answer = new Promise<FromVerdictWorker>((resolve, reject) => (this.waiter = { resolve, reject }))
    const silence = setTimeout(() => {
      const seconds = this.silenceMs / 1000
      this.fail(new Error(`the HAR's verdict stopped answering (nothing from its thread in ${seconds} s)`))
    }, this.silenceMs)
    return answer.finally(() => clearTimeout(silence))
  }

  async add(batch: FeedBatch): Promise<void> {
    if (this.failure) throw this.failure
    this.worker.postMessage({ kind: 'batch', batch } satisfies ToVerdictWorker, transferablesOf(batch))
    this.inFlight++
    while (this.inFlight >= MAX_BATCHES_IN_FLIGHT) await this.next()
  }

  async verdict(ended: boolean, options?: SessionDiagnosisOptions): Promise<HarVerdict> {
    if (this.failure) throw this.failure
    this.worker.postMessage({ kind: 'verdict', ended, options } satisfies ToVerdictWorker)
    for (;;) {
      const message = await this.next()
      if (message.kind === 'verdict') return { verdict: message.verdict, summary: message.summary }
    }
  }

  async close(): Promise<void> {
    this.answered = true
    await this.worker.terminate()
  }
}

/**
 * The log size from which the built worker is used when the caller does not say. Below it the
 * worker's start and its cold fold (a new isolate, its code not yet optimised, its heap still
 * small) cost more than the second core saves: measured in one process, exporting 100 k frames
 * (111 MB) took 705 ms with a fresh worker each time against 358 ms in the warm writer's thread;
 * as cold CLI commands they were even (1.03×). At 1 M frames (1.1 GB) the worker made the CLI's
 * HAR 0.79× as long.
 */
export const VERDICT_WORKER_FROM_BYTES = 256 * 1024 * 1024

/**
 * Start the fold of a HAR's verdict for the session `sessionId`, whose log holds `logBytes`: in
 * a worker thread when `script` names one (or, by default, when the log is big enough and the
 * built worker is there), so that the diagnosis runs on a second core while the writer goes on;
 * otherwise in this thread. `script: null` asks for this thread.
 */
export function startVerdictFold(
  sessionId: string,
  logBytes: number,
  script?: VerdictWorkerScript | null
): VerdictFold {
  const worker = verdictWorkerFor(logBytes, script)
  return worker ? new WorkerFold(worker, sessionId) : new ThreadFold(sessionId)
}

/** The worker script {@link startVerdictFold} runs, or null for the writer's thread (`built` finds the built one). */
export function verdictWorkerFor(
  logBytes: number,
  script: VerdictWorkerScript | null | undefined,
  built: () => VerdictWorkerScript | null = builtVerdictWorker
): VerdictWorkerScript | null {
  if (script !== undefined) return script
  return logBytes >= VERDICT_WORKER_FROM_BYTES ? built() : null
}
