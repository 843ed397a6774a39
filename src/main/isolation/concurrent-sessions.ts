import { ContractError, type ContractBackend, type Environment } from '../../shared/api/contract'
import type { AuthMethod } from '../../shared/api/frame-record'
import type { SessionModel } from '../../shared/session-model'
import { SessionWatcher } from '../sessions/session-watcher'

/** Where the sessions connect and as whom. */
export type ConcurrentSessionsOptions = {
  environmentId: string
  /** How many sessions (distinct users) to open. */
  users: number
  message: string
  /** For the whole thing: connect, send, wait for every run. */
  timeoutMs: number
  /** Connect here with `environmentId`'s settings instead of the environment's own URL. */
  target?: { wsUrl: string; httpBase: string | null; authBase: string | null }
  authMethod?: AuthMethod
  /** Outside the sandbox: one stored credential per user (their tokens must be of distinct users). */
  credentialIds?: string[]
  /** Sandbox user ids are `<prefix>-01`, `<prefix>-02`… (default `isolation-user`). */
  userPrefix?: string
}

/** One of the sessions, as it stood when waiting ended. */
export type ConcurrentSession = {
  sessionId: string
  /** `user-01`… in the order the sessions were opened. */
  label: string
  /** The sandbox user it was minted for; null when a credential or the environment supplied the token. */
  sandboxUser: string | null
  model: SessionModel
  /** `t` (session clock) of the message it sent; null when it could not send. */
  sentAt: number | null
  /** The session did not finish its runs (or close) before the timeout. */
  timedOut: boolean
}

/** The environment the sessions ran against, and each session. */
export type ConcurrentSessionsResult = { environment: Environment; sessions: ConcurrentSession[] }

const CLOSE_GRACE_MS = 3000

/**
 * Every run this session saw start has settled (at least one), or the connection ended: nothing
 * more will come for this request. A run seen only in pieces (no agent_started — e.g. one event
 * misrouted from another user) is not waited for: it will never finish here.
 */
export function requestSettled(model: SessionModel): boolean {
  if (model.close !== null || (model.handshake !== null && !model.handshake.ok)) return true
  const started = model.runs.filter((run) => run.agents.some((agent) => agent.critical.agent_started))
  return started.length > 0 && started.every((run) => run.status !== 'running')
}

/**
 * Follows several sessions, each with the probe's SessionWatcher (the shared reducer over the
 * backend's pushed records), so what is judged is exactly what a UI shows.
 */
class SessionsFollower {
  private readonly watchers = new Map<string, SessionWatcher>()

  constructor(private readonly backend: ContractBackend) {}

  /** Start following a session, with the records it produced before we attached. */
  async follow(sessionId: string): Promise<void> {
    this.watchers.set(sessionId, await SessionWatcher.attach(this.backend, sessionId))
  }

  /** Each followed session as seen so far. */
  get models(): Map<string, SessionModel> {
    return new Map([...this.watchers].map(([sessionId, watcher]) => [sessionId, watcher.current]))
  }

  /**
   * Resolve true once `predicate` holds for every followed session at the same moment, false after
   * `timeoutMs`. Each session is waited for with its own `waitFor`; a session whose condition
   * stopped holding meanwhile (a late run began) is waited for again, until the deadline.
   */
  async waitForAll(predicate: (model: SessionModel) => boolean, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs
    const watchers = [...this.watchers.values()]
    for (;;) {
      const held = await Promise.all(watchers.map((watcher) => watcher.waitFor(predicate, Math.max(0, deadline - Date.now()))))
      if (!held.every(Boolean)) return false
      if (watchers.every((watcher) => predicate(watcher.current))) return true
    }
  }

  dispose(): void {
    for (const watcher of this.watchers.values()) watcher.dispose()
  }
}

function sandboxUserId(prefix: string, index: number): string {
  return `${prefix}-${String(index + 1).padStart(2, '0')}`
}

/**
 * Open N sessions as N distinct users, wait until all are open, send the same message on all
 * of them at the same moment, and wait until every one has settled its runs (or closed). Only
 * then are they closed, so an event misrouted late to a session that had finished is still seen.
 */
export async function runConcurrentSessions(backend: ContractBackend, options: ConcurrentSessionsOptions): Promise<ConcurrentSessionsResult> {
  const deadline = Date.now() + options.timeoutMs
  const remaining = (): number => Math.max(0, deadline - Date.now())
  const { environments } = await backend.handlers['environments.list']({})
  const environment = environments.find((candidate) => candidate.id === options.environmentId)
  if (!environment) throw new ContractError('not-found', `no environment with id ${options.environmentId}`)
  const sandbox = environment.kind === 'sandbox' && !options.target
  const credentials = options.credentialIds ?? []
  if (!sandbox && options.users > 1 && credentials.length !== options.users)
    throw new ContractError('invalid-request', `${options.users} users outside the sandbox need ${options.users} stored credentials (one per user), got ${credentials.length}`)

  const follower = new SessionsFollower(backend)
  const opened: Array<{ sessionId: string; sandboxUser: string | null }> = []
  try {
    // Connect one by one (cheap), then send together: the sends are what must coincide.
    for (let index = 0; index < options.users; index++) {
      const sandboxUser = sandbox ? sandboxUserId(options.userPrefix ?? 'isolation-user', index) : null
      const { sessionId } = await backend.handlers['session.connect']({
        environmentId: environment.id,
        authMethod: options.authMethod,
        target: options.target,
        credentialId: credentials[index],
        ...(sandboxUser ? { sandboxUser } : {})
      })
      opened.push({ sessionId, sandboxUser })
      await follower.follow(sessionId)
    }
    await follower.waitForAll((model) => model.handshake !== null || model.close !== null, remaining())
    const sentSeq = new Map<string, number>()
    await Promise.all(
      opened.map(async ({ sessionId }) => {
        const model = follower.models.get(sessionId) as SessionModel
        if (!model.handshake?.ok || model.close) return
        try {
          const { seq } = await backend.handlers['session.send']({ sessionId, text: options.message, mode: 'user_message' })
          sentSeq.set(sessionId, seq)
        } catch (error) {
          // A server that closes right after accepting is the failure being checked: report it, not the send.
          if (!(error instanceof ContractError && error.code === 'not-open')) throw error
        }
      })
    )
    await follower.waitForAll(requestSettled, remaining())
    const judged = new Map(follower.models)
    for (const { sessionId } of opened) {
      if (judged.get(sessionId)?.close) continue
      await backend.handlers['session.disconnect']({ sessionId, code: 1000, reason: 'check complete' })
    }
    await follower.waitForAll((model) => model.close !== null || model.handshake === null, CLOSE_GRACE_MS)
    return {
      environment,
      sessions: opened.map(({ sessionId, sandboxUser }, index) => {
        // Judge each session as it stood when waiting ended, before our own polite close.
        const model = judged.get(sessionId) as SessionModel
        const seq = sentSeq.get(sessionId)
        return {
          sessionId,
          label: sandboxUser ?? `user-${String(index + 1).padStart(2, '0')}`,
          sandboxUser,
          model,
          sentAt: seq === undefined ? null : (model.records.find((record) => record.seq === seq)?.t ?? null),
          timedOut: !requestSettled(model)
        }
      })
    }
  } finally {
    follower.dispose()
  }
}
