import { z } from 'zod'

/**
 * The recording unit: everything a session observes becomes one FrameRecord.
 *
 * Live sessions, recordings and imports all produce this stream, and the shared reducer
 * (`src/shared/session-model`) derives every view from it. `t` is a monotonic offset in
 * milliseconds from the session's `session-start` record; the wall-clock anchor lives only
 * in that first record, so the two clocks never mix.
 */

/** Who produced a record: the server (`in`), us (`out`), or our own observation (`local`). */
export const FrameDirectionSchema = z.enum(['in', 'out', 'local'])
/** Direction of a record. */
export type FrameDirection = z.infer<typeof FrameDirectionSchema>

/** Environment kinds the app knows about. */
export const EnvironmentKindSchema = z.enum(['sandbox', 'local', 'staging', 'production', 'custom'])
/** Environment kind. */
export type EnvironmentKind = z.infer<typeof EnvironmentKindSchema>

/** How the access token is presented on the WebSocket upgrade (PROTOCOL.md §2). */
export const AuthMethodSchema = z.enum(['subprotocol', 'header', 'ticket', 'query', 'none'])
/** Auth method. */
export type AuthMethod = z.infer<typeof AuthMethodSchema>

const base = {
  seq: z.number().int().nonnegative(),
  t: z.number().nonnegative(),
  dir: FrameDirectionSchema
}

/** First record of every session: what we connect to, and the wall-clock anchor. */
export const SessionStartRecordSchema = z.object({
  ...base,
  kind: z.literal('session-start'),
  wallClock: z.number(),
  environment: z.object({ id: z.string(), name: z.string(), kind: EnvironmentKindSchema }),
  url: z.string(),
  authMethod: AuthMethodSchema
})

/** Outcome of the HTTP upgrade, successful or refused. Header values are already redacted. */
export const HandshakeRecordSchema = z.object({
  ...base,
  kind: z.literal('handshake'),
  ok: z.boolean(),
  url: z.string(),
  status: z.number().int().nullable(),
  statusText: z.string().nullable(),
  subprotocolsOffered: z.array(z.string()),
  subprotocol: z.string().nullable(),
  requestHeaders: z.record(z.string(), z.string()),
  responseHeaders: z.record(z.string(), z.string()),
  /** Response body of a refused upgrade (first 4 KiB), if any. */
  body: z.string().nullable(),
  ms: z.number().nonnegative(),
  error: z.string().nullable()
})

/** A data frame. Text frames keep their exact text; binary frames are base64. */
export const MessageRecordSchema = z.object({
  ...base,
  kind: z.literal('message'),
  opcode: z.union([z.literal(1), z.literal(2)]),
  encoding: z.enum(['utf8', 'base64']),
  data: z.string(),
  size: z.number().int().nonnegative()
})

/** A control ping or pong frame. */
export const ControlRecordSchema = z.object({
  ...base,
  kind: z.enum(['ping', 'pong']),
  opcode: z.union([z.literal(9), z.literal(10)]),
  data: z.string(),
  size: z.number().int().nonnegative()
})

/** The end of the connection: a close frame, or its absence (1006, `clean: false`). */
export const CloseRecordSchema = z.object({
  ...base,
  kind: z.literal('close'),
  code: z.number().int(),
  reason: z.string(),
  /** Who started the closing handshake; `none` when the connection just dropped. */
  initiator: z.enum(['client', 'server', 'none']),
  clean: z.boolean()
})

/** A client-side error (socket error, send failure, timeout). */
export const ErrorRecordSchema = z.object({
  ...base,
  kind: z.literal('error'),
  message: z.string(),
  code: z.string().nullable()
})

/** A free-text annotation by the app (reconnect attempt, user note). */
export const NoteRecordSchema = z.object({
  ...base,
  kind: z.literal('note'),
  text: z.string()
})

/** Which preflight check a record reports. */
export const PreflightCheckSchema = z.enum(['dns', 'tcp', 'tls', 'http'])
/** Which preflight check a record reports. */
export type PreflightCheck = z.infer<typeof PreflightCheckSchema>

/**
 * One piece of evidence gathered before connecting: DNS, TCP connect, TLS, or an HTTP health endpoint.
 * `detail` carries what the check read (addresses, certificate, the parsed JSON body).
 */
export const PreflightRecordSchema = z.object({
  ...base,
  kind: z.literal('preflight'),
  check: PreflightCheckSchema,
  /** Short name, e.g. `dns`, `GET /ws/health`, `auth GET /health`. */
  name: z.string(),
  target: z.string(),
  ok: z.boolean(),
  ms: z.number().nonnegative().nullable(),
  status: z.number().int().nullable(),
  detail: z.record(z.string(), z.unknown()),
  error: z.string().nullable()
})

/** The token's non-secret claims, decoded locally without the secret (never the token itself). */
export const TokenRecordSchema = z.object({
  ...base,
  kind: z.literal('token'),
  /** Where the token came from: minted by the sandbox, a stored credential, an environment variable. */
  source: z.string(),
  decodable: z.boolean(),
  claims: z.object({
    sub: z.string().nullable(),
    email: z.string().nullable(),
    env: z.string().nullable(),
    iss: z.string().nullable(),
    aud: z.union([z.string(), z.array(z.string())]).nullable(),
    token_type: z.string().nullable(),
    iat: z.number().nullable(),
    exp: z.number().nullable(),
    hasJti: z.boolean()
  })
})

/** Start of a connection attempt (retries keep every attempt's evidence). */
export const AttemptRecordSchema = z.object({
  ...base,
  kind: z.literal('attempt'),
  attempt: z.number().int().positive(),
  of: z.number().int().positive(),
  delayMs: z.number().nonnegative()
})

/** Any record of a session. */
export const FrameRecordSchema = z.discriminatedUnion('kind', [
  PreflightRecordSchema,
  TokenRecordSchema,
  AttemptRecordSchema,
  SessionStartRecordSchema,
  HandshakeRecordSchema,
  MessageRecordSchema,
  ControlRecordSchema,
  CloseRecordSchema,
  ErrorRecordSchema,
  NoteRecordSchema
])

/** Any record of a session. */
export type FrameRecord = z.infer<typeof FrameRecordSchema>
/** The first record of a session. */
export type SessionStartRecord = z.infer<typeof SessionStartRecordSchema>
/** The handshake record. */
export type HandshakeRecord = z.infer<typeof HandshakeRecordSchema>
/** A data frame record. */
export type MessageRecord = z.infer<typeof MessageRecordSchema>
/** A ping/pong record. */
export type ControlRecord = z.infer<typeof ControlRecordSchema>
/** The close record. */
export type CloseRecord = z.infer<typeof CloseRecordSchema>
/** A client-side error record. */
export type ErrorRecord = z.infer<typeof ErrorRecordSchema>
/** A preflight evidence record. */
export type PreflightRecord = z.infer<typeof PreflightRecordSchema>
/** The token-claims record. */
export type TokenRecord = z.infer<typeof TokenRecordSchema>
/** A connection-attempt marker. */
export type AttemptRecord = z.infer<typeof AttemptRecordSchema>
/** An annotation record. */
export type NoteRecord = z.infer<typeof NoteRecordSchema>

/** Distributes Omit over a union so each variant keeps its own fields. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

/** A record before the session stamps it with `seq` and `t`. */
export type FrameRecordDraft = DistributiveOmit<FrameRecord, 'seq' | 't'>
