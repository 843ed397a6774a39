import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { dispatch, type ContractBackend, type MethodName, type MethodRequest, type MethodResponse } from '../../../shared/api/contract'
import type { FrameRecord } from '../../../shared/api/frame-record'
import { buildFlood } from '../../../shared/protocol/client-messages'
import { MemoryKeychain } from '../../credentials/memory-keychain'
import { startSandbox } from '../../sandbox'
import { createBackend } from '../create-backend'

/**
 * Many sessions at once through the real backend against the real sandbox, checked for lost
 * frames and cross-talk (issue 9). The suite runs it at 50 sessions; `npm run soak` larger.
 *
 * Each session is a different user (an E2E token minted per session through `credentials.mint-e2e`),
 * sends one agent run on its own thread and asks for a flood of a count no other session uses,
 * so every frame says whose it is: `user_id`, `thread_id`, `connection_id`, `run_id`, and a
 * flood chunk's `total`.
 */

/** How big a load to run. */
export type LoadOptions = {
  sessions: number
  /** Flood size of session i is `floodFrames + i`, so the counts identify the session. */
  floodFrames: number
  /** Longest the whole run may take before it fails (every wait is bounded). */
  timeoutMs: number
  /** Agent pipeline step delay of the sandbox (ms). */
  stepDelayMs?: number
  /** Sandbox faults (the test proves the checks can fail with `cross-user-leak`). */
  faults?: string[]
}

/** What the run saw; the test asserts on it, the soak script prints it. */
export type LoadReport = {
  sessions: number
  records: number
  floodFrames: number
  /** Records whose seq did not follow the previous one of the same session (a gap, a repeat, out of order). */
  seqGaps: number
  /** Flood chunks missing or out of order, per the chunk index. */
  floodLost: number
  /** Records the recording's backlog (`session.records`) holds but the pushes missed, or the reverse. */
  backlogMismatch: number
  /** Frames that carried another session's user, thread, connection, run or flood count. */
  crossTalk: string[]
  /** Sessions whose agent run did not complete. */
  runsIncomplete: number
  ms: number
}

type Tracker = {
  index: number
  sessionId: string
  user: string
  thread: string
  floodCount: number
  connectionId: string | null
  runIds: Set<string>
  lastSeq: number
  records: number
  seqGaps: number
  nextChunk: number
  floodLost: number
  floodDone: boolean
  runDone: boolean
  closed: boolean
}

const SIMULATION_KEY = 'load-test-simulation-key-0123456789'

/** Run the load and report; never throws for a lost frame or cross-talk (the caller asserts), only for a timeout or a refused call. */
export async function runConcurrentLoad(options: LoadOptions): Promise<LoadReport> {
  const started = Date.now()
  const deadline = started + options.timeoutMs
  const sandbox = await startSandbox({ stepDelayMs: options.stepDelayMs ?? 1, simulationKey: SIMULATION_KEY, faults: options.faults ?? [] })
  const dataDir = mkdtempSync(join(tmpdir(), 'netra-load-'))
  const backend: ContractBackend = createBackend({ host: 'cli', dataDir, keychain: new MemoryKeychain(), sandbox: { stepDelayMs: 1 } })
  const call = <M extends MethodName>(method: M, request: MethodRequest<M>): Promise<MethodResponse<M>> =>
    dispatch(backend.handlers, method, request) as Promise<MethodResponse<M>>

  const trackers = new Map<string, Tracker>()
  const early = new Map<string, FrameRecord[]>()
  const crossTalk: string[] = []
  const runOwner = new Map<string, number>()
  const observe = (tracker: Tracker, record: FrameRecord): void => {
    tracker.records++
    if (record.seq !== tracker.lastSeq + 1) tracker.seqGaps++
    tracker.lastSeq = record.seq
    if (record.kind === 'close') tracker.closed = true
    if (record.kind !== 'message' || record.dir !== 'in' || record.encoding !== 'utf8') return
    let frame: unknown
    try {
      frame = JSON.parse(record.data)
    } catch {
      crossTalk.push(`${tracker.sessionId}: unparsable frame #${record.seq}`)
      return
    }
    checkIdentity(tracker, frame, record.seq)
  }
  const checkIdentity = (tracker: Tracker, frame: unknown, seq: number): void => {
    const top = frame as { type?: unknown; data?: Record<string, unknown>; agent_name?: unknown }
    if (top.type === 'stream_chunk') {
      const { index, total } = top.data as { index: number; total: number }
      if (total !== tracker.floodCount) crossTalk.push(`${tracker.sessionId}: flood chunk of total ${total} (own ${tracker.floodCount})`)
      if (index !== tracker.nextChunk) tracker.floodLost++
      tracker.nextChunk = index + 1
      return
    }
    if (top.type === 'flood_complete') {
      tracker.floodDone = true
      if ((top.data as { count?: unknown }).count !== tracker.floodCount) crossTalk.push(`${tracker.sessionId}: flood_complete of another count`)
      return
    }
    if (top.type === 'connection_established') tracker.connectionId = String((top.data as { connection_id?: unknown }).connection_id)
    if (top.type === 'agent_completed' && top.agent_name === 'Supervisor') tracker.runDone = true
    walkIds(frame, (key, value) => {
      if (key === 'user_id' && value !== tracker.user) crossTalk.push(`${tracker.sessionId} #${seq}: user_id ${value} (own ${tracker.user})`)
      if (key === 'thread_id' && value !== null && value !== tracker.thread) crossTalk.push(`${tracker.sessionId} #${seq}: thread_id ${value} (own ${tracker.thread})`)
      if (key === 'connection_id' && tracker.connectionId !== null && value !== tracker.connectionId) crossTalk.push(`${tracker.sessionId} #${seq}: connection_id ${value}`)
      if (key === 'run_id' && typeof value === 'string') {
        const owner = runOwner.get(value)
        if (owner === undefined) runOwner.set(value, tracker.index)
        else if (owner !== tracker.index) crossTalk.push(`${tracker.sessionId} #${seq}: run_id ${value} of session #${owner}`)
        tracker.runIds.add(value)
      }
    })
  }
  const unsubscribe = backend.subscribe((event, payload) => {
    if (event !== 'session.records') return
    const { sessionId, records } = payload as { sessionId: string; records: FrameRecord[] }
    const tracker = trackers.get(sessionId)
    if (!tracker) {
      // Records can arrive before session.connect has answered with the id.
      early.set(sessionId, [...(early.get(sessionId) ?? []), ...records])
      return
    }
    for (const record of records) observe(tracker, record)
  })

  const until = async (check: () => boolean, what: string): Promise<void> => {
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`load run: ${what} not reached within ${options.timeoutMs} ms`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }

  try {
    const { environment } = await call('environments.save', { id: 'load-lab', name: 'Load lab', wsUrl: sandbox.wsUrl, httpBase: sandbox.httpUrl, authBase: sandbox.authUrl })
    const { credential: key } = await call('credentials.add', { environmentId: environment.id, label: 'load key', kind: 'e2e-simulation-key', secret: SIMULATION_KEY })
    const users = Array.from({ length: options.sessions }, (_, i) => `load-${String(i).padStart(4, '0')}`)
    const tokens = []
    for (const user of users) {
      tokens.push(await call('credentials.mint-e2e', { environmentId: environment.id, simulationKeyCredentialId: key.id, email: `${user}@netrasystems.ai` }))
    }

    // All sessions connect at once.
    const connected = await Promise.all(
      tokens.map(({ credential }) => call('session.connect', { environmentId: environment.id, credentialId: credential.id }))
    )
    connected.forEach(({ sessionId }, index) => {
      const tracker: Tracker = {
        index,
        sessionId,
        user: `e2e-${users[index]}`,
        thread: `thread-${users[index]}`,
        floodCount: options.floodFrames + index,
        connectionId: null,
        runIds: new Set(),
        lastSeq: -1,
        records: 0,
        seqGaps: 0,
        nextChunk: 0,
        floodLost: 0,
        floodDone: false,
        runDone: false,
        closed: false
      }
      trackers.set(sessionId, tracker)
      for (const record of early.get(sessionId) ?? []) observe(tracker, record)
      early.delete(sessionId)
    })
    const all = [...trackers.values()]
    await until(() => all.every((tracker) => tracker.connectionId !== null), 'every session open')

    // Each asks for an agent run on its own thread, then a flood only it uses the count of.
    await Promise.all(
      all.map(async (tracker) => {
        const message = JSON.stringify({ type: 'user_message', payload: { content: `Analyse costs for ${tracker.user}`, thread_id: tracker.thread } })
        await call('session.send', { sessionId: tracker.sessionId, text: message, mode: 'raw' })
        await call('session.send', { sessionId: tracker.sessionId, text: buildFlood(tracker.floodCount), mode: 'raw' })
      })
    )
    await until(() => all.every((tracker) => tracker.floodDone && tracker.runDone), 'every flood and run complete')
    await Promise.all(all.map((tracker) => call('session.disconnect', { sessionId: tracker.sessionId })))
    await until(() => all.every((tracker) => tracker.closed), 'every session closed')

    // The backlog (what a UI that reloads would read) holds exactly what was pushed.
    let backlogMismatch = 0
    for (const tracker of all) {
      const backlog = await call('session.records', { sessionId: tracker.sessionId, fromSeq: 0, limit: 50_000 })
      let count = backlog.records.length
      let next = backlog.nextSeq
      let done = backlog.done
      while (!done) {
        const page = await call('session.records', { sessionId: tracker.sessionId, fromSeq: next, limit: 50_000 })
        count += page.records.length
        next = page.nextSeq
        done = page.done
      }
      if (count !== tracker.records) backlogMismatch++
    }

    return {
      sessions: all.length,
      records: all.reduce((sum, tracker) => sum + tracker.records, 0),
      floodFrames: all.reduce((sum, tracker) => sum + tracker.nextChunk, 0),
      seqGaps: all.reduce((sum, tracker) => sum + tracker.seqGaps, 0),
      floodLost: all.reduce((sum, tracker) => sum + tracker.floodLost + (tracker.floodCount - tracker.nextChunk), 0),
      backlogMismatch,
      crossTalk,
      runsIncomplete: all.filter((tracker) => !tracker.runDone || tracker.runIds.size === 0).length,
      ms: Date.now() - started
    }
  } finally {
    unsubscribe()
    await backend.dispose()
    await sandbox.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** Call `visit` for every `user_id`/`thread_id`/`connection_id`/`run_id` anywhere in a frame (wrapped envelopes nest them). */
function walkIds(value: unknown, visit: (key: string, value: unknown) => void, depth = 0): void {
  if (depth > 8 || typeof value !== 'object' || value === null) return
  for (const [key, child] of Object.entries(value)) {
    if (key === 'user_id' || key === 'thread_id' || key === 'connection_id' || key === 'run_id') visit(key, child)
    else walkIds(child, visit, depth + 1)
  }
}
