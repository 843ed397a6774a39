import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { open, readFile, rm } from 'node:fs/promises'
import { platform, tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  ContractError,
  type ContractBackend,
  type ContractHandlers,
  type Environment,
  type EventListener,
  type EventName,
  type EventPayload,
  type ThemeSource,
  EXPORT_CHUNK_MAX
} from '../../shared/api/contract'
import { buildUserMessage } from '../../shared/protocol/client-messages'
import { SecretRedactor } from '../../shared/session-log/secret-redactor'
import { classifyUrl, defaultRetries, urlProblem } from '../../shared/environments'
import { EXPORT_FORMATS, exportToFile, type ExportFormat } from '../export/export-session'
import { recordingLines } from '../export/log-lines'
import type { RecordSource } from '../export/record-source'
import { SessionRecorder } from '../recordings/session-recorder'
import { MemorySessionLog } from '../recordings/memory-session-log'
import { FileSessionLog } from '../recordings/library/file-session-log'
import { Library } from '../recordings/library/library'
import { libraryHandlers } from '../recordings/library/library-handlers'
import { RECORDINGS_DIR_ENV } from '../recordings/library/library-settings'
import { RecordingSession } from '../recordings/library/recording-session'
import type { SessionLog } from '../recordings/library/session-log'
import { newSessionLogHeader } from '../../shared/session-log/session-log-format'
import type { SandboxOptions } from '../sandbox'
import { name as appName, version as appVersion } from '../../../package.json'
import { SANDBOX_ENVIRONMENT_ID } from './built-in-environments'
import { CredentialVault } from '../credentials/credential-vault'
import type { Keychain } from '../credentials/keychain'
import { createKeytarKeychain } from '../credentials/keytar-keychain'
import { MemoryKeychain } from '../credentials/memory-keychain'
import { EnvironmentStore } from '../settings/environment-store'
import { SavedMessageStore } from '../settings/saved-message-store'
import { savedMessageHandlers } from './saved-message-handlers'
import { credentialHandlers } from './credential-handlers'
import { environmentHandlers } from './environment-handlers'
import type { PreflightRunner } from '../sessions/session-runner'
import { runIsolationForUi } from '../isolation/isolation-handler'
import { harHandlers } from '../recordings/har/har-handlers'
import { runPreflight } from '../preflight/run-preflight'
import { tokenRecordDraft } from '../preflight/decode-token'
import { checkCredentialHost } from './credential-binding'
import { ManagedSession } from './managed-session'
import { sandboxCatalog } from './sandbox-catalog'
import { SandboxController } from './sandbox-controller'

/** How a backend is set up by its host. */
export type BackendOptions = {
  host: 'electron' | 'web' | 'cli'
  /** Folder for settings and recordings (Electron's userData, or the XDG config dir). */
  dataDir?: string
  /** Options for the embedded sandbox (tests pass a short step delay or faults). */
  sandbox?: SandboxOptions
  /** Where the access token for a non-sandbox environment comes from; null means none. */
  resolveToken?: (environment: Environment) => Promise<string | null>
  /** Where credentials' secrets live: the OS keychain by default with a dataDir, memory without one (tests inject one). */
  keychain?: Keychain
  /** Evidence gathering before connecting (DNS, TCP, TLS, health endpoints); the real one by default, none when null. */
  preflight?: PreflightRunner | null
  /**
   * Where a session is recorded; by default `<dataDir>/recordings/<createdAt>-<id>.ndjson`.
   * `probe --record FILE` names its own file (streamed from the first record, like the app's).
   */
  recordingPath?: (sessionId: string) => string
  /** What only a desktop host can do (Electron: the file manager, the native theme); absent in the web host and the CLI. */
  desktop?: DesktopShell
  /** The library folder from the environment (NETRA_DIAG_RECORDINGS_DIR); by default read from `process.env`. */
  recordingsDirEnv?: string
  /** Show a file in the OS file manager (Electron: `shell.showItemInFolder`); other hosts answer with the path. */
  revealPath?: (path: string) => void
}

/** The desktop's own services, which the backend exposes through `app.reveal-path` and `app.set-theme`. */
export type DesktopShell = {
  /** Show a file the app saved (by its file name) in the file manager; its path, or null when no such file was saved. */
  revealSaved(fileName: string): Promise<{ path: string | null; revealed: boolean }>
  /** Follow the UI's theme override in native menus, scrollbars and dialogs. */
  setThemeSource(source: ThemeSource): void
}

/**
 * The log of a new session: the file the caller asked for (`probe --record`), a recording in the
 * library folder, or, with recording off or no library, the bounded in-memory log (nothing on disk).
 */
function openRecorder(library: Library, sessionId: string, record: boolean, recordingPath?: (sessionId: string) => string): SessionLog {
  const header = newSessionLogHeader(sessionId, Date.now(), { name: appName, version: appVersion })
  const fileName = `${header.createdAt.replace(/[:.]/g, '-')}-${sessionId}.ndjson`
  const path = recordingPath ? recordingPath(sessionId) : record ? library.recordingPath(fileName) : null
  if (path === null) return new MemorySessionLog()
  return new FileSessionLog(new SessionRecorder(path, header, (error) => console.error(`recording of ${sessionId} stopped: ${error.message}`)))
}

/** The records of a backend session, as an export reads them: from its log (current format), or from an opened recording. */
async function sessionSource(session: ManagedSession | RecordingSession): Promise<RecordSource> {
  const onIssue = (issue: { line: number; message: string }): void => console.error(`session ${session.id}, line ${issue.line}: ${issue.message}`)
  if (session instanceof RecordingSession) {
    const { file } = session
    // A file in the current format is streamed line by line, as the CLI exports it (NDJSON and HAR).
    const lines = recordingLines(file, await file.indexed.catch(() => null))
    return {
      sessionId: session.id,
      count: session.recordCount,
      readRange: (from, count) => file.readRange(from, count),
      linesAreCurrent: lines !== undefined,
      logLines: lines,
      onIssue
    }
  }
  await session.recorder.flush()
  const log = session.recorder
  // The recorder's own file, when this session is recorded to disk and its log is intact.
  const ownFile = log instanceof FileSessionLog && !log.error ? log.recorder : null
  return {
    sessionId: session.id,
    count: session.recordCount,
    readRange: (from, count) => session.readRecords(from, count),
    ownLog: ownFile ? { path: ownFile.path, bytes: ownFile.byteLength } : undefined,
    logLines: ownFile ? { path: ownFile.path, offsetOf: (n) => ownFile.index.offsetOf(n), firstLine: 2 } : undefined,
    onIssue
  }
}

/** `session.export` answers in one string; larger exports must go through `session.export-file`. */
const INLINE_EXPORT_MAX = 256 * 1024 * 1024

/** Progress events of one export are at most this often. */
const PROGRESS_INTERVAL_MS = 100

/** An environment for a one-off URL: the base environment's settings, the URL's own kind and host. */
function adHocEnvironment(base: Environment, target: { wsUrl: string; httpBase: string | null; authBase: string | null }): Environment {
  const checks: Array<[string, string | null, string[]]> = [
    ['the WebSocket URL', target.wsUrl, ['ws', 'wss']],
    ['the HTTP base', target.httpBase, ['http', 'https']],
    ['the auth service base', target.authBase, ['http', 'https']]
  ]
  for (const [what, url, schemes] of checks) {
    const problem = url === null ? null : urlProblem(url, schemes)
    if (problem) throw new ContractError('invalid-request', `${what} ${problem}`)
  }
  const classification = classifyUrl(target.wsUrl)
  return {
    ...base,
    id: `ad-hoc:${classification.host ?? target.wsUrl}`,
    name: classification.host ?? target.wsUrl,
    kind: classification.kind,
    ...target,
    retries: defaultRetries(classification.kind),
    builtIn: false
  }
}

/** The real preflight with its default time box, abandoned when the session is closed. */
const defaultPreflight: PreflightRunner = (target, emit, signal) => runPreflight(target, emit, { signal })

/** Records kept per response page of `session.records`. */
const DEFAULT_PAGE = 50_000

/**
 * Build the backend every host binds: environments, the embedded sandbox and live sessions.
 * Secrets stay here: tokens go into the upgrade request and the redactor, never into a response.
 */
export function createBackend(options: BackendOptions): ContractBackend {
  const listeners = new Set<EventListener>()
  const sandbox = new SandboxController(options.sandbox)
  const sessions = new Map<string, ManagedSession>()
  // Issue 11: recordings opened from disk, read-only, listed with the live sessions.
  const opened = new Map<string, RecordingSession>()
  const redactor = new SecretRedactor()
  // Issue 5: environments.json and credentials.json in dataDir; without one nothing persists (not even keychain entries).
  const environmentStore = new EnvironmentStore(options.dataDir ?? null)
  const keychain = options.keychain ?? (options.dataDir ? createKeytarKeychain() : new MemoryKeychain())
  const credentials = new CredentialVault({ dataDir: options.dataDir ?? null, keychain, redactor })
  // Logs of sessions when nothing is recorded, and exports without a data folder: one private folder, removed on dispose.
  let privateDir: string | null = null
  const tempDir = (): string => (privateDir ??= mkdtempSync(join(tmpdir(), 'netra-diag-')))
  const exportsDir = (): string => (options.dataDir ? join(options.dataDir, 'exports') : join(tempDir(), 'exports'))
  const exportFiles = new Map<string, { path: string; bytes: number }>()


  const emit = <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    for (const listener of listeners) listener(event, payload)
  }
  const library = new Library({
    dataDir: options.dataDir ?? null,
    envDir: 'recordingsDirEnv' in options ? options.recordingsDirEnv : process.env[RECORDINGS_DIR_ENV],
    onChange: (change) => emit('library.changed', change),
    revealPath: options.revealPath
  })
  // Live sessions newest first, then the recordings opened from disk, newest opened first.
  const summaries = () => [...[...sessions.values()].reverse(), ...[...opened.values()].reverse()].map((session) => session.summary())
  // Recordings being indexed after their close: dispose waits for them.
  const indexing = new Set<Promise<void>>()
  const emitSessions = (): void => emit('sessions.changed', { sessions: summaries() })

  const environments = (): Environment[] => {
    const status = sandbox.status()
    return environmentStore.list().map((environment) =>
      environment.id === SANDBOX_ENVIRONMENT_ID
        ? { ...environment, wsUrl: status.wsUrl, httpBase: status.httpUrl, authBase: sandbox.current?.authUrl ?? null }
        : environment
    )
  }

  /** An environment by id; with `start`, the sandbox is started so its URLs are known. */
  const environmentFor = async (id: string, start = false): Promise<Environment> => {
    const environment = environments().find((candidate) => candidate.id === id)
    if (!environment) throw new ContractError('not-found', `no environment with id ${id}`)
    if (!start || environment.kind !== 'sandbox' || sandbox.current) return environment
    await sandbox.ensure()
    emit('sandbox.changed', sandbox.status())
    return environments().find((candidate) => candidate.id === id) as Environment
  }

  const findSession = (sessionId: string): ManagedSession => {
    const session = sessions.get(sessionId)
    if (!session && opened.has(sessionId)) throw new ContractError('invalid-request', `session ${sessionId} is a recording opened from disk (read-only): nothing can be sent on it`)
    if (!session) throw new ContractError('not-found', `no session with id ${sessionId}`)
    return session
  }
  /** A live session or an opened recording: anything whose records can be read. */
  const findReadable = (sessionId: string): ManagedSession | RecordingSession => {
    const session = sessions.get(sessionId) ?? opened.get(sessionId)
    if (!session) throw new ContractError('not-found', `no session with id ${sessionId}`)
    return session
  }

  const handlers: ContractHandlers = {
    'app.info': async () => ({ name: appName, version: appVersion, host: options.host, platform: platform() }),

    ...environmentHandlers({
      store: environmentStore,
      list: environments,
      defaultId: SANDBOX_ENVIRONMENT_ID,
      emit,
      credentialLabels: (environmentId) => credentials.labelsOf(environmentId)
    }),

    ...credentialHandlers({ vault: credentials, redactor, environment: environmentFor, emit }),

    'sandbox.status': async () => sandbox.status(),

    'sandbox.catalog': async () => sandboxCatalog(),

    'sandbox.configure': async (patch) => {
      const status = sandbox.configure(patch)
      emit('sandbox.changed', status)
      return status
    },

    'session.connect': async ({ environmentId, authMethod, subprotocolStyle, pingIntervalMs, credentialId, target, allowForeignHost, sandboxUser, record }) => {
      let environment = environments().find((candidate) => candidate.id === environmentId)
      if (!environment) throw new ContractError('not-found', `no environment with id ${environmentId}`)
      if (target) environment = adHocEnvironment(environment, target)
      let token: string | null
      let tokenSource: string
      if (environment.kind === 'sandbox') {
        tokenSource = 'minted by the sandbox'
        const wasRunning = sandbox.current !== null
        const running = await sandbox.ensure()
        if (!wasRunning) emit('sandbox.changed', sandbox.status())
        redactor.add(running.simulationKey)
        redactor.add(running.jwtSecret)
        token = await running.mintToken(
          sandboxUser ? { sub: sandboxUser, email: `${sandboxUser}@sandbox.netrasystems.ai` } : { sub: 'support-engineer-001', email: 'support@netrasystems.ai' }
        )
        environment = environments().find((candidate) => candidate.id === environmentId) as Environment
      } else {
        token = (await options.resolveToken?.(environment)) ?? null
        tokenSource = 'environment variable'
      }
      if (!environment.wsUrl) throw new ContractError('failed', `environment ${environment.name} has no WebSocket URL`)
      const method = authMethod ?? environment.authMethod
      if (credentialId) {
        // Bound to its environment's hosts: checked before the secret is read and before any network work.
        const credential = credentials.describe(credentialId)
        const credentialEnvironment = environments().find((candidate) => candidate.id === credential.environmentId) ?? null
        checkCredentialHost({ credential, credentialEnvironment, target: { wsUrl: environment.wsUrl, httpBase: environment.httpBase }, authMethod: method, allowForeignHost })
        // A chosen credential wins; its secret is read here in main and registered with the redactor.
        const chosen = await credentials.accessTokenFor(credentialId)
        token = chosen.token
        tokenSource = chosen.source
      }
      const id = `s-${randomBytes(4).toString('hex')}`
      const session = new ManagedSession(
        id,
        environment,
        environment.wsUrl,
        {
          environment: { id: environment.id, name: environment.name, kind: environment.kind },
          target: { wsUrl: environment.wsUrl, httpBase: environment.httpBase, authBase: environment.authBase },
          authMethod: method,
          subprotocolStyle: subprotocolStyle ?? environment.subprotocolStyle,
          pingIntervalMs: pingIntervalMs ?? null,
          token,
          tokenSource,
          retries: environment.retries,
          // The session's own redactor: the backend's secrets plus its token and ticket, so no set grows per session.
          redactor: redactor.derive(),
          preflight: options.preflight === null ? undefined : (options.preflight ?? defaultPreflight),
          describeToken: tokenRecordDraft
        },
        {
          onRecords: (push) => emit('session.records', push),
          onStateChange: emitSessions
        },
        openRecorder(library, id, record ?? true, options.recordingPath)
      )
      sessions.set(id, session)
      // Issue 11: a recording in the library folder is indexed (and diagnosed) once it closes.
      const recordedAt = session.recordingPath
      if (recordedAt && library.idOf(recordedAt) !== null) {
        const sandboxFault = environment.kind === 'sandbox' ? sandbox.status().faults.join(', ') || null : null
        library.recordingStarted(recordedAt)
        const indexed: Promise<void> = session.live.closed
          .then(() => session.stopRecording())
          .then(() => library.recordingClosed(recordedAt, { sandboxFault }))
          .finally(() => indexing.delete(indexed))
        indexing.add(indexed)
      }
      emitSessions()
      void session.live.run()
      return { sessionId: id }
    },

    'session.send': async ({ sessionId, text, mode }) => {
      const session = findSession(sessionId)
      if (!session.live.isOpen) {
        // The socket can end a moment before its close record is processed: say "closing" then.
        const state = session.currentState === 'open' ? 'closing' : session.currentState
        throw new ContractError('not-open', `session ${sessionId} is not open (it is ${state})`)
      }
      return { seq: session.live.send(mode === 'user_message' ? buildUserMessage(text) : text) }
    },

    'session.disconnect': async ({ sessionId, code, reason }) => {
      const recording = opened.get(sessionId)
      if (recording) {
        // Closing an opened recording takes it off the session list (the file stays).
        opened.delete(sessionId)
        await recording.close()
        emitSessions()
        return { ok: true as const }
      }
      // Resolves once the session has ended: at most the close grace when the peer never answers.
      await findSession(sessionId).disconnect(code ?? 1000, reason ?? '')
      return { ok: true as const }
    },

    'session.list': async () => ({ sessions: summaries() }),

    'session.export': async ({ sessionId, format }) => {
      const written = await exportFile(sessionId, format)
      try {
        if (written.bytes > INLINE_EXPORT_MAX)
          throw new ContractError('failed', `the ${format} export is ${written.bytes} bytes, too large for one answer; use session.export-file`)
        return { fileName: written.fileName, mimeType: written.mimeType, content: await readFile(written.path, 'utf8') }
      } finally {
        await rm(written.path, { force: true })
      }
    },

    'session.export-file': async ({ sessionId, format }) => {
      const written = await exportFile(sessionId, format)
      const exportId = `x-${randomBytes(6).toString('hex')}`
      exportFiles.set(exportId, { path: written.path, bytes: written.bytes })
      return { exportId, fileName: written.fileName, mimeType: written.mimeType, bytes: written.bytes, records: written.records }
    },

    'session.export-read': async ({ exportId, offset, length }) => {
      const file = exportFiles.get(exportId)
      if (!file) throw new ContractError('not-found', `no export with id ${exportId} (it was read to the end, or the app restarted)`)
      const size = Math.max(0, Math.min(length ?? EXPORT_CHUNK_MAX, file.bytes - offset))
      const chunk = Buffer.alloc(size)
      const handle = await open(file.path, 'r')
      try {
        let filled = 0
        while (filled < size) {
          const { bytesRead } = await handle.read(chunk, filled, size - filled, offset + filled)
          if (bytesRead === 0) throw new ContractError('failed', `export ${exportId} is shorter than expected (was it removed?)`)
          filled += bytesRead
        }
      } finally {
        await handle.close()
      }
      const nextOffset = offset + size
      const done = nextOffset >= file.bytes
      if (done) {
        exportFiles.delete(exportId)
        await rm(file.path, { force: true })
      }
      return { base64: chunk.toString('base64'), nextOffset, done }
    },

    'session.records': async ({ sessionId, fromSeq, limit }) => {
      const session = findReadable(sessionId)
      // An opened recording may still be indexing: wait for the range asked for, so paging from 0 gets everything.
      if (session instanceof RecordingSession && !session.file.complete && fromSeq + (limit ?? DEFAULT_PAGE) > session.recordCount)
        await session.file.indexed.catch(() => undefined)
      const total = session.recordCount
      const count = Math.max(0, Math.min(limit ?? DEFAULT_PAGE, total - fromSeq))
      const { records } = count > 0 ? await session.readRecords(fromSeq, count) : { records: [] }
      const nextSeq = fromSeq + count
      return { records, nextSeq, done: nextSeq >= total }
    },

    // Issue 12: composed from the methods above, so its sessions are ordinary sessions.
    'isolation.run': (request) => runIsolationForUi(backend, request),

    // Issue 11: HAR import.
    // An imported HAR becomes a recording in the library folder (a temporary folder when there is no library).
    ...harHandlers({ recordingsDir: () => library.dir ?? join(tempDir(), 'recordings'), redactor }),
    // Issue 12: the composer's saved messages, per environment, next to environments.json.
    ...savedMessageHandlers({
      store: new SavedMessageStore(options.dataDir ?? null),
      vault: credentials,
      redactor,
      requireEnvironment: (environmentId) => {
        if (!environments().some((candidate) => candidate.id === environmentId)) throw new ContractError('not-found', `no environment with id ${environmentId}`)
      }
    }),
    // Issue 13: a browser saves downloads where only it knows, so without a desktop shell there is no path to give.
    'app.reveal-path': async ({ fileName }) => (options.desktop ? options.desktop.revealSaved(fileName) : { path: null, revealed: false }),

    'app.set-theme': async ({ source }) => {
      if (!options.desktop) return { applied: false }
      options.desktop.setThemeSource(source)
      return { applied: true }
    },
    // Issue 11: the library, and recordings opened as read-only sessions.
    ...libraryHandlers({
      library,
      openRecording: async (path) => {
        const existing = [...opened.values()].find((session) => session.path === path)
        if (existing) return { session: existing.summary() }
        const session = await RecordingSession.open(`r-${randomBytes(4).toString('hex')}`, path)
        opened.set(session.id, session)
        void library.indexIfNew(path)
        // The count grows while the file is indexed: tell the list once it is known.
        void session.file.indexed.then(emitSessions, () => undefined)
        emitSessions()
        const issues = await session.knownIssues()
        return { session: session.summary(), ...(issues.length ? { issues } : {}) }
      }
    })
  }

  /** Stream a session's export into exports/ (0600), with throttled progress events. */
  async function exportFile(sessionId: string, format: ExportFormat) {
    const session = findReadable(sessionId)
    const environment = session instanceof RecordingSession ? environments().find((candidate) => candidate.id === session.summary().environmentId) : session.environment
    const { extension, mimeType } = EXPORT_FORMATS[format]
    const fileName = `netra-${sessionId}.${extension}`
    const path = join(exportsDir(), `${randomBytes(6).toString('hex')}-${fileName}`)
    let lastProgress = 0
    try {
      const result = await exportToFile({
        format,
        source: await sessionSource(session),
        // An opened recording keeps its own header: its NDJSON export is the recording itself.
        header: session instanceof RecordingSession ? session.file.header : undefined,
        out: path,
        app: { name: appName, version: appVersion },
        diagnosis: { sla: environment?.sla, expectedGeneration: environment?.expectedGeneration, nowMs: session instanceof RecordingSession ? undefined : Date.now() },
        onProgress: ({ records, totalRecords }) => {
          const now = Date.now()
          if (now - lastProgress < PROGRESS_INTERVAL_MS && records < totalRecords) return
          lastProgress = now
          emit('session.export-progress', { sessionId, format, records, totalRecords })
        }
      })
      return { path, fileName, mimeType, ...result }
    } catch (error) {
      await rm(path, { force: true })
      throw error
    }
  }

  const backend: ContractBackend = {
    handlers,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async dispose() {
      for (const session of sessions.values()) session.live.close(1001, 'diagnostics app closing')
      await Promise.race([
        Promise.all([...sessions.values()].map((session) => session.live.closed)),
        new Promise((resolve) => setTimeout(resolve, 2000).unref())
      ])
      // Whether or not the closing handshakes finished: every queued record goes to disk before we return.
      await Promise.all([...sessions.values()].map((session) => session.stopRecording()))
      await sandbox.stop()
      // The recordings just closed are indexed before the index is written for the last time.
      await Promise.all([...indexing])
      await library.close()
      await Promise.all([...opened.values()].map((session) => session.close()))
      // Unrecorded sessions' logs and undownloaded exports go; recordings stay.
      await Promise.all([...sessions.values()].map((session) => session.recorder.discard()))
      await Promise.all([...exportFiles.values()].map((file) => rm(file.path, { force: true })))
      exportFiles.clear()
      if (privateDir) rmSync(privateDir, { recursive: true, force: true })
      credentials.dispose()
      listeners.clear()
    }
  }
  return backend
}
