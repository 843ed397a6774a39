import { z } from 'zod'
import { AuthMethodSchema, EnvironmentKindSchema, FrameRecordSchema } from './frame-record'
import { boundText, describeKind, MAX_ERROR_MESSAGE_CHARS } from './bounded-text'
// Environments and credentials (issue 5): their schemas live beside the contract, the methods below.
import {
  CredentialInfoSchema,
  CredentialKindSchema,
  CredentialLabelSchema,
  CredentialListSchema,
  CredentialSecretSchema,
  KeychainStatusSchema
} from './credential-schemas'
import { IsolationRunRequestSchema, IsolationRunResponseSchema } from './isolation-schemas'
import { HarEntriesRequestSchema, HarEntriesResponseSchema, ImportHarRequestSchema, ImportHarResponseSchema } from './har-schemas'
import {
  SavedMessageListRequestSchema,
  SavedMessageListSchema,
  SavedMessageRemoveRequestSchema,
  SavedMessageRenameRequestSchema,
  SavedMessageSaveRequestSchema
} from './saved-message-schemas'
import {
  LibraryConfigureRequestSchema,
  LibraryEntryRequestSchema,
  LibraryListRequestSchema,
  LibraryListResponseSchema,
  LibraryRenameRequestSchema,
  LibrarySettingsSchema,
  RecordingsOpenRequestSchema,
  RecordingsUploadRequestSchema,
  RecordingsUploadResponseSchema
} from './library-schemas'
import {
  EnvironmentIdSchema,
  EnvironmentInputSchema,
  RetryPolicySchema,
  SlaThresholdsSchema,
  SubprotocolStyleSchema,
  UrlClassificationSchema
} from './environment-schemas'

/**
 * The one API contract between the backend and any UI.
 *
 * Electron IPC (`src/main/ipc`), the web host (`src/main/web`), the preload bridge and the
 * tests all bind this object; nothing else crosses a process boundary. Every method has a
 * request and a response schema; every pushed event has a payload schema. Requests are
 * validated where they enter the backend; an invalid one is rejected with the schema's message.
 */

/** Which host the backend runs in. */
export const HostKindSchema = z.enum(['electron', 'web', 'cli'])

/** The theme the UI asks for: follow the OS, or force one. */
export const ThemeSourceSchema = z.enum(['system', 'light', 'dark'])
/** The theme the UI asks for. */
export type ThemeSource = z.infer<typeof ThemeSourceSchema>

/** A configured environment, as the UI sees it (never carries a secret). */
export const EnvironmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: EnvironmentKindSchema,
  /** WebSocket URL; null for the sandbox until it has started (its port is picked at start). */
  wsUrl: z.string().nullable(),
  httpBase: z.string().nullable(),
  authBase: z.string().nullable(),
  authMethod: AuthMethodSchema,
  builtIn: z.boolean(),
  /** Issue 5: how a `subprotocol` token is offered, retries, SLA thresholds, the generation the server should be. */
  subprotocolStyle: SubprotocolStyleSchema,
  retries: RetryPolicySchema,
  sla: SlaThresholdsSchema,
  expectedGeneration: z.string().nullable(),
  /** A built-in environment whose settings the user changed (`environments.reset` restores them). */
  customized: z.boolean()
})
/** A configured environment. */
export type Environment = z.infer<typeof EnvironmentSchema>

/** Connection state of a session, derived from its records. */
export const SessionStateSchema = z.enum(['connecting', 'open', 'closing', 'closed'])
/** Connection state of a session. */
export type SessionState = z.infer<typeof SessionStateSchema>

/** One session in the session list. */
export const SessionSummarySchema = z.object({
  id: z.string(),
  environmentId: z.string(),
  environmentName: z.string(),
  url: z.string(),
  state: SessionStateSchema,
  startedAt: z.number(),
  recordCount: z.number().int().nonnegative(),
  /** Where the records come from: a live connection, or a recording opened from disk (read-only). */
  origin: z.enum(['live', 'recording']).default('live')
})
/** One session in the session list. */
export type SessionSummary = z.infer<typeof SessionSummarySchema>

/** The embedded sandbox's state. */
export const SandboxStatusSchema = z.object({
  running: z.boolean(),
  wsUrl: z.string().nullable(),
  httpUrl: z.string().nullable(),
  authUrl: z.string().nullable(),
  generation: z.string(),
  faults: z.array(z.string()),
  triage: z.string(),
  /** How agent events are spread over a run (`wrapped` or `five-from-every-agent`); absent from older backends. */
  eventStyle: z.string().optional()
})

/** A named option of the sandbox catalog (a generation, a fault, a triage order). */
export const CatalogEntrySchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  /** For a fault: the generations it applies to; absent means all. */
  generations: z.array(z.string()).optional()
})
/** A named option of the sandbox catalog. */
export type CatalogEntry = z.infer<typeof CatalogEntrySchema>

/** Subprotocol offer styles (PROTOCOL.md §2); defined with the environment schemas. */
export { SubprotocolStyleSchema }
/** The embedded sandbox's state. */
export type SandboxStatus = z.infer<typeof SandboxStatusSchema>

const sessionId = z.string().min(1, 'sessionId is required')

/** Export formats of a session. */
export const ExportFormatSchema = z.enum(['ndjson', 'har', 'junit', 'markdown'])

/** Largest chunk `session.export-read` returns. */
export const EXPORT_CHUNK_MAX = 4 * 1024 * 1024

/** Close codes a client may send (RFC 6455 §7.4: 1000, or 3000–4999). */
const clientCloseCode = z
  .number()
  .int()
  .refine((code) => code === 1000 || (code >= 3000 && code <= 4999), {
    message: 'close code must be 1000 or in 3000–4999 (RFC 6455 §7.4)'
  })

/** A close reason is at most 123 bytes of UTF-8 (RFC 6455 §5.5). */
const closeReason = z
  .string()
  .refine((reason) => new TextEncoder().encode(reason).length <= 123, {
    message: 'close reason must be at most 123 bytes of UTF-8'
  })

/** Every method: request and response schema, and a one-line description. */
export const contractMethods = {
  'app.info': {
    summary: 'Name, version and host of the running backend.',
    request: z.object({}).strict(),
    response: z.object({
      name: z.string(),
      version: z.string(),
      host: HostKindSchema,
      platform: z.string()
    })
  },
  'environments.list': {
    summary: 'All configured environments, the sandbox first.',
    request: z.object({}).strict(),
    response: z.object({
      environments: z.array(EnvironmentSchema),
      defaultId: z.string(),
      /** Set when environments.json could not be read (it was moved aside; defaults are in use). */
      loadError: z.string().optional()
    })
  },
  'sandbox.status': {
    summary: 'Whether the embedded sandbox runs, and its URLs.',
    request: z.object({}).strict(),
    response: SandboxStatusSchema
  },
  'sandbox.catalog': {
    summary: 'The generations, faults and triage orders the sandbox can imitate.',
    request: z.object({}).strict(),
    response: z.object({
      generations: z.array(CatalogEntrySchema),
      faults: z.array(CatalogEntrySchema),
      triageOrders: z.array(CatalogEntrySchema),
      /** Event styles, default first; absent from older backends. */
      eventStyles: z.array(CatalogEntrySchema).optional()
    })
  },
  'sandbox.configure': {
    summary: 'Choose the sandbox generation, faults, triage order and event style; applies to connections opened afterwards.',
    request: z
      .object({
        generation: z.string().optional(),
        faults: z.array(z.string()).max(40).optional(),
        triage: z.string().optional(),
        eventStyle: z.string().optional()
      })
      .strict(),
    response: SandboxStatusSchema
  },
  'session.connect': {
    summary: 'Open a WebSocket session against an environment; records stream as `session.records`.',
    request: z
      .object({
        environmentId: z.string().min(1, 'environmentId is required'),
        /** Override the environment's auth method for this session. */
        authMethod: AuthMethodSchema.optional(),
        subprotocolStyle: SubprotocolStyleSchema.optional(),
        /** Sandbox only: mint the token for this user id (the isolation check's distinct users); default the support engineer. */
        sandboxUser: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'sandboxUser must be 1–64 letters, digits, dot, dash or underscore').optional(),
        /** A stored credential (an access token) to authenticate with; resolved in the main process. */
        credentialId: z.string().min(1, 'credentialId is empty').optional(),
        /**
         * A credential is bound to its environment's hosts. Sending it elsewhere needs this per-use
         * confirmation: exactly the foreign host(s) it would go to, comma-separated (as the refusal names them).
         */
        allowForeignHost: z.string().min(1, 'allowForeignHost is empty').max(1000).optional(),
        /** Send a protocol `ping` this often (ms); none when absent. */
        pingIntervalMs: z.number().int().min(1000, 'ping interval must be at least 1000 ms').max(600_000).optional(),
        /**
         * Connect to this URL instead, with the named environment's settings: an ad-hoc target
         * (`netra-diag probe --url`). Its kind is classified from the URL's host.
         */
        target: z
          .object({ wsUrl: z.string().min(1, 'target.wsUrl is empty'), httpBase: z.string().nullable(), authBase: z.string().nullable() })
          .strict()
          .optional(),
        /** Record the session into the library folder (default true); false keeps its log in memory only, nothing touches disk. */
        record: z.boolean().optional()
      })
      .strict(),
    response: z.object({ sessionId: z.string() })
  },
  'session.send': {
    summary: 'Send a message: `user_message` wraps the text in the protocol envelope; `raw` sends it verbatim.',
    request: z
      .object({
        sessionId,
        text: z.string().min(1, 'message text is empty').max(1_048_576, 'message is larger than 1 MiB'),
        mode: z.enum(['user_message', 'raw'])
      })
      .strict(),
    response: z.object({ seq: z.number().int() })
  },
  'session.disconnect': {
    summary: 'Start the closing handshake of a session.',
    request: z
      .object({ sessionId, code: clientCloseCode.optional(), reason: closeReason.optional() })
      .strict(),
    response: z.object({ ok: z.literal(true) })
  },
  'session.list': {
    summary: 'Sessions of this backend, newest first.',
    request: z.object({}).strict(),
    response: z.object({ sessions: z.array(SessionSummarySchema) })
  },
  'session.export': {
    summary: 'Render a session as NDJSON (the recording format), HAR, JUnit XML or Markdown; secrets are already redacted.',
    request: z.object({ sessionId, format: ExportFormatSchema }).strict(),
    response: z.object({ fileName: z.string(), mimeType: z.string(), content: z.string() })
  },
  'session.export-file': {
    summary:
      "Export a session to a file in the data folder's exports/ (0600), streaming record by record with `session.export-progress` events; no size limit. Fetch it with `session.export-read`.",
    request: z.object({ sessionId, format: ExportFormatSchema }).strict(),
    response: z.object({
      exportId: z.string(),
      fileName: z.string(),
      mimeType: z.string(),
      bytes: z.number().int().nonnegative(),
      records: z.number().int().nonnegative()
    })
  },
  'session.export-read': {
    summary: 'A chunk of a finished export (base64, at most 4 MiB); the file is deleted once its last chunk is read.',
    request: z
      .object({
        exportId: z.string().min(1, 'exportId is required'),
        offset: z.number().int().nonnegative(),
        length: z.number().int().positive().max(EXPORT_CHUNK_MAX, 'length is over 4 MiB').optional()
      })
      .strict(),
    response: z.object({ base64: z.string(), nextOffset: z.number().int().nonnegative(), done: z.boolean() })
  },
  'session.records': {
    summary: 'The records of a session from `fromSeq` on (for a UI that attaches late or reloads), read from its log on disk.',
    request: z
      .object({
        sessionId,
        fromSeq: z.number().int().nonnegative(),
        limit: z.number().int().positive().max(50_000).optional()
      })
      .strict(),
    response: z.object({ records: z.array(FrameRecordSchema), nextSeq: z.number().int(), done: z.boolean() })
  },

  // ── Environments and credentials (issue 5) ─────────────────────────────────────────────────
  // A secret crosses the boundary once, inward (`credentials.add`); no response or event carries one
  // (src/main/backend/secret-canary.test.ts checks every method and event).
  'environments.save': {
    summary: 'Create an environment (no id, or a new one) or update the given fields of an existing one.',
    request: EnvironmentInputSchema,
    response: z.object({ environment: EnvironmentSchema })
  },
  'environments.remove': {
    summary: 'Remove a custom environment (built-ins cannot be removed; reset them instead).',
    request: z.object({ id: z.string().min(1, 'id is required') }).strict(),
    response: z.object({ ok: z.literal(true) })
  },
  'environments.reset': {
    summary: "Restore a built-in environment's settings.",
    request: z.object({ id: z.string().min(1, 'id is required') }).strict(),
    response: z.object({ environment: EnvironmentSchema })
  },
  'environments.classify': {
    summary: 'Classify a pasted URL as local, staging, production or custom from its host.',
    request: z.object({ url: z.string().max(4096, 'url is longer than 4096 characters') }).strict(),
    response: UrlClassificationSchema
  },
  'credentials.list': {
    summary: "Every credential (id, label, kind, environment, non-secret claims) and the keychain's state.",
    request: z.object({}).strict(),
    response: CredentialListSchema
  },
  'credentials.add': {
    summary: 'Store a secret in the OS keychain (or, when opted in, in memory for this run); returns its description, never the secret.',
    request: z
      .object({ environmentId: EnvironmentIdSchema, label: CredentialLabelSchema, kind: CredentialKindSchema, secret: CredentialSecretSchema })
      .strict(),
    response: z.object({ credential: CredentialInfoSchema })
  },
  'credentials.rename': {
    summary: 'Give a credential a new label (moves its keychain entry).',
    request: z.object({ id: z.string().min(1, 'id is required'), label: CredentialLabelSchema }).strict(),
    response: z.object({ credential: CredentialInfoSchema })
  },
  'credentials.remove': {
    summary: 'Delete a credential and its keychain entry.',
    request: z.object({ id: z.string().min(1, 'id is required') }).strict(),
    response: z.object({ ok: z.literal(true) })
  },
  'credentials.use-memory-fallback': {
    summary: 'Opt in (or out) of keeping new secrets in main-process memory for this run when the keychain is unavailable.',
    request: z.object({ enabled: z.boolean() }).strict(),
    response: z.object({ keychain: KeychainStatusSchema })
  },
  'credentials.mint-e2e': {
    summary: "Mint an E2E access token with a simulation-key credential at the environment's auth service; kept for this run unless `store`.",
    request: z
      .object({
        environmentId: EnvironmentIdSchema,
        simulationKeyCredentialId: z.string().min(1, 'simulationKeyCredentialId is required'),
        email: z.email('email is not a valid e-mail address'),
        name: z.string().trim().min(1).max(120).optional(),
        store: z.boolean().optional(),
        label: CredentialLabelSchema.optional()
      })
      .strict(),
    response: z.object({ credential: CredentialInfoSchema })
  },
  // ── Multi-user isolation (issue 12) ──
  'isolation.run': {
    summary: 'Open N sessions as N distinct users, send at the same moment, and return the leak matrix with both frames of every leaked event.',
    request: IsolationRunRequestSchema,
    response: IsolationRunResponseSchema
  },
  // ── HAR import (issue 11) ──
  'recordings.har-entries': {
    summary: 'List the WebSocket entries of a HAR file (index, redacted URL, start, status, message count) for the entry picker.',
    request: HarEntriesRequestSchema,
    response: HarEntriesResponseSchema
  },
  'recordings.import-har': {
    summary: 'Import one WebSocket entry of a HAR file as a recording in the recordings folder (credentials redacted); returns its path.',
    request: ImportHarRequestSchema,
    response: ImportHarResponseSchema
  },
  // ── Saved composer messages (issue 12) ── per environment in <data folder>/saved-messages.json; never a secret.
  'messages.list': {
    summary: "An environment's saved composer messages, by name.",
    request: SavedMessageListRequestSchema,
    response: SavedMessageListSchema
  },
  'messages.save': {
    summary: "Save a composer message under a name for an environment (refused if it contains one of the app's stored secrets); answers the new list.",
    request: SavedMessageSaveRequestSchema,
    response: SavedMessageListSchema
  },
  'messages.rename': {
    summary: 'Rename a saved composer message; answers the new list.',
    request: SavedMessageRenameRequestSchema,
    response: SavedMessageListSchema
  },
  'messages.remove': {
    summary: 'Delete a saved composer message; answers the new list.',
    request: SavedMessageRemoveRequestSchema,
    response: SavedMessageListSchema
  },
  // ── The window (issue 13) ──
  'app.reveal-path': {
    summary:
      'Show a file the app saved (an export, by its file name) in the OS file manager; returns its path. Hosts without a file manager (the web host) only return the path they know, if any.',
    request: z.object({ fileName: z.string().min(1, 'fileName is required').max(255) }).strict(),
    response: z.object({ path: z.string().nullable(), revealed: z.boolean() })
  },
  'app.set-theme': {
    summary: "Follow the UI's theme override in native parts (Electron's nativeTheme.themeSource: menus, scrollbars, dialogs).",
    request: z.object({ source: ThemeSourceSchema }).strict(),
    response: z.object({ applied: z.boolean() })
  },
  // ── The library (issue 11) ──
  'library.list': {
    summary: 'Recordings in the library folder, newest first, filtered and paged from the index (never a folder scan).',
    request: LibraryListRequestSchema,
    response: LibraryListResponseSchema
  },
  'library.rename': {
    summary: "Give a recording a display name (the file keeps its name).",
    request: LibraryRenameRequestSchema,
    response: z.object({ ok: z.literal(true) })
  },
  'library.delete': {
    summary: "Move a recording to the library's .trash/ (emptied at the next start); `library.restore` undoes it.",
    request: LibraryEntryRequestSchema,
    response: z.object({ ok: z.literal(true) })
  },
  'library.restore': {
    summary: 'Bring a deleted recording back from .trash/.',
    request: LibraryEntryRequestSchema,
    response: z.object({ ok: z.literal(true) })
  },
  'library.reveal': {
    summary: "Show a recording in the OS file manager (Electron); other hosts answer with its path to show.",
    request: LibraryEntryRequestSchema,
    response: z.object({ path: z.string(), revealed: z.boolean() })
  },
  'library.settings': {
    summary: 'Where the library folder is (and why), whether sessions are recorded by default, and the indexing in progress.',
    request: z.object({}).strict(),
    response: LibrarySettingsSchema
  },
  'library.configure': {
    summary: 'Move the library to another folder (persisted with the settings; null restores the default); the new folder is indexed.',
    request: LibraryConfigureRequestSchema,
    response: LibrarySettingsSchema
  },
  'recordings.open': {
    summary: 'Open a .ndjson recording as a read-only session in the session list; its records are served by range through `session.records`.',
    request: RecordingsOpenRequestSchema,
    response: z.object({
      session: SessionSummarySchema,
      /** Lines that could not be read, as `FILE:LINE: problem` (skipped; everything else is kept). Absent when none were found. */
      issues: z.array(z.string()).optional()
    })
  },
  'recordings.upload': {
    summary: "Upload a file from the browser into the library's imports/ in chunks (at most 4 MiB each); the last answer gives its path.",
    request: RecordingsUploadRequestSchema,
    response: RecordingsUploadResponseSchema
  }
} as const

/** Every event the backend pushes, with its payload schema. */
export const contractEvents = {
  'session.records': {
    summary: 'New records of a session, batched (at most one push per ~50 ms per session).',
    payload: z.object({ sessionId: z.string(), records: z.array(FrameRecordSchema) })
  },
  'session.export-progress': {
    summary: 'Progress of a `session.export-file` in flight: records done of the total (HAR reads the log twice).',
    payload: z.object({
      sessionId: z.string(),
      format: ExportFormatSchema,
      records: z.number().int().nonnegative(),
      totalRecords: z.number().int().nonnegative()
    })
  },
  'sandbox.changed': {
    summary: 'The sandbox started, stopped or was reconfigured.',
    payload: SandboxStatusSchema
  },
  'sessions.changed': {
    summary: 'The session list changed (a session started, changed state or ended).',
    payload: z.object({ sessions: z.array(SessionSummarySchema) })
  },
  // ── Environments and credentials (issue 5) ──
  'environments.changed': {
    summary: 'An environment was added, changed, reset or removed.',
    payload: z.object({ environments: z.array(EnvironmentSchema), defaultId: z.string() })
  },
  'credentials.changed': {
    summary: "A credential was added, renamed, removed or minted, or the keychain's state changed.",
    payload: CredentialListSchema
  },
  // ── The library (issue 11) ──
  'library.changed': {
    summary: 'Library entries were added, renamed, deleted or restored, or the folder changed; `indexing` while the start-up reconcile runs.',
    payload: z.object({
      total: z.number().int().nonnegative(),
      indexing: z.object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }).nullable()
    })
  }
} as const

/** Name of a contract method. */
export type MethodName = keyof typeof contractMethods
/** Name of a pushed event. */
export type EventName = keyof typeof contractEvents
/** Request type of a method, as a caller writes it. */
export type MethodRequest<M extends MethodName> = z.input<(typeof contractMethods)[M]['request']>
/** Response type of a method. */
export type MethodResponse<M extends MethodName> = z.output<(typeof contractMethods)[M]['response']>
/** Payload type of an event. */
export type EventPayload<E extends EventName> = z.output<(typeof contractEvents)[E]['payload']>

/** All method names, in declaration order. */
export const METHOD_NAMES = Object.keys(contractMethods) as MethodName[]
/** All event names, in declaration order. */
export const EVENT_NAMES = Object.keys(contractEvents) as EventName[]

/** What a backend implements: one async handler per method. */
export type ContractHandlers = {
  [M in MethodName]: (request: z.output<(typeof contractMethods)[M]['request']>) => Promise<MethodResponse<M>>
}

/** A listener for any pushed event. */
export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void

/** The surface every host binds: handlers plus a way to hear pushed events. */
export type ContractBackend = {
  handlers: ContractHandlers
  /** Listen to every pushed event; returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void
  /** Stop sessions and servers the backend owns. */
  dispose(): Promise<void>
}

/** The typed client a UI uses; the same shape over the preload bridge and the web socket. */
export type ContractClient = {
  call<M extends MethodName>(method: M, request: MethodRequest<M>): Promise<MethodResponse<M>>
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void
}

import { ContractError } from './contract-error'

/** An error that crosses the boundary as `{code, message}` (defined in contract-error.ts, which carries no schema). */
export { ContractError }

/** Is `name` a method of the contract? */
export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contractMethods, name)
}

/** Is `name` an event of the contract? */
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contractEvents, name)
}

/** Most schema issues one error lists; the rest are counted. */
const MAX_LISTED_ISSUES = 5
/**
 * Most top-level fields a request may have. The widest request (`environments.save`) has about a
 * dozen; refusing a 200 000-key object up front spares the schema the work of listing every key.
 */
const MAX_REQUEST_FIELDS = 64
/** Longest field name a request may use (ours are short words); a 4 MB key is refused before the schema quotes it. */
const MAX_FIELD_NAME_CHARS = 64

/**
 * Validate a request against its method's schema; throws `ContractError('invalid-request')` with the schema's message.
 *
 * The message quotes the caller's input only in bounded pieces (paths and zod's own texts can
 * carry a key the caller chose), and a payload that throws while being read (a getter, a Proxy
 * trap) is an invalid request too, not a backend failure.
 */
export function parseRequest<M extends MethodName>(
  method: M,
  payload: unknown
): z.output<(typeof contractMethods)[M]['request']> {
  const schema: z.ZodType = contractMethods[method].request
  let result: z.ZodSafeParseResult<unknown>
  try {
    if (typeof payload === 'object' && payload !== null) {
      const keys = Object.keys(payload)
      if (keys.length > MAX_REQUEST_FIELDS) {
        throw new ContractError('invalid-request', `${method}: the request has more than ${MAX_REQUEST_FIELDS} fields`)
      }
      const long = keys.find((key) => key.length > MAX_FIELD_NAME_CHARS)
      if (long !== undefined) {
        throw new ContractError('invalid-request', `${method}: unknown field ${boundText(JSON.stringify(long.slice(0, 40)), 60)} (${long.length} characters)`)
      }
    }
    result = schema.safeParse(payload ?? {})
  } catch (error) {
    if (error instanceof ContractError) throw error
    throw new ContractError('invalid-request', `${method}: the request could not be read (a property threw while being read)`)
  }
  if (!result.success) {
    const issues = result.error.issues
    const listed = issues.slice(0, MAX_LISTED_ISSUES).map((issue) => {
      const path = boundText(issue.path.map((part) => (typeof part === 'symbol' ? '[symbol]' : String(part))).join('.'))
      const message = boundText(issue.message)
      return path ? `${path}: ${message}` : message
    })
    const more = issues.length > MAX_LISTED_ISSUES ? `; and ${issues.length - MAX_LISTED_ISSUES} more issue(s)` : ''
    throw new ContractError('invalid-request', `${method}: ${listed.join('; ')}${more}`)
  }
  return result.data as z.output<(typeof contractMethods)[M]['request']>
}

/**
 * Call a handler by name with validation: the single entry point every host uses.
 *
 * Whatever `method` is (a string that names no method, a number, null, an object whose
 * `toString` throws or is not callable), the answer is `unknown-method` with a bounded quote.
 */
export async function dispatch(handlers: ContractHandlers, method: unknown, payload: unknown): Promise<unknown> {
  if (!isMethodName(method)) {
    const named = typeof method === 'string' ? boundText(method) : `expected a method name (a string), got ${describeKind(method)}`
    throw new ContractError('unknown-method', `unknown method: ${named}`)
  }
  const request = parseRequest(method, payload)
  const handler = handlers[method] as (request: unknown) => Promise<unknown>
  return handler(request)
}

/**
 * Turn any thrown value into the `{code, message}` shape that crosses the boundary.
 *
 * Total: it never throws (not even for a thrown Proxy or an object whose `toString` throws), and
 * the message is at most MAX_ERROR_MESSAGE_CHARS long, however much of its input a handler echoed.
 */
export function toWireError(error: unknown): { code: string; message: string } {
  try {
    if (error instanceof ContractError) return { code: boundText(error.code, 64), message: boundText(error.message, MAX_ERROR_MESSAGE_CHARS) }
    if (error instanceof Error) return { code: 'failed', message: boundText(String(error.message), MAX_ERROR_MESSAGE_CHARS) }
    if (typeof error === 'string') return { code: 'failed', message: boundText(error, MAX_ERROR_MESSAGE_CHARS) }
    return { code: 'failed', message: `failed with ${describeKind(error)} instead of an error` }
  } catch {
    return { code: 'failed', message: 'failed with a value that could not be described' }
  }
}

/** IPC channel of a method (Electron). */
export const methodChannel = (method: MethodName): string => `netra:call:${method}`
/** IPC channel of an event (Electron). */
export const eventChannel = (event: EventName): string => `netra:event:${event}`
