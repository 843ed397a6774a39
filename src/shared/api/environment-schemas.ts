import { z } from 'zod'
import { urlProblem } from '../environments/url-rules'
import { AuthMethodSchema } from './frame-record'

/**
 * Schemas of environment settings (issue 5), used by the contract's `environments.*` methods.
 * Kept apart from contract.ts so the contract stays a list of methods; nothing here carries a secret.
 */

/** Subprotocol offer styles (PROTOCOL.md §2): newest `jwt.<token>`, or the older `["jwt-auth","jwt.<token>"]`. */
export const SubprotocolStyleSchema = z.enum(['jwt', 'jwt-auth-legacy'])

/** Connection attempts in all (1 = no retry) and the pause between them. */
export const RetryPolicySchema = z
  .object({
    attempts: z.number().int().min(1, 'retries.attempts must be at least 1').max(10, 'retries.attempts must be at most 10'),
    delayMs: z.number().int().min(0, 'retries.delayMs must not be negative').max(60_000, 'retries.delayMs must be at most 60000')
  })
  .strict()

const thresholdMs = z.number().int().positive('an SLA threshold must be a positive number of ms').max(3_600_000, 'an SLA threshold must be at most one hour')

/** SLA thresholds the session checks against (PROTOCOL.md §4 defaults: 5 s, 2 s, 60 s). */
export const SlaThresholdsSchema = z
  .object({ dataProcessingMs: thresholdMs, reportAfterDataMs: thresholdMs, fullAnswerMs: thresholdMs })
  .strict()

/** Environment ids double as keychain account prefixes (`<environmentId>/<label>`), so they stay plain. */
export const EnvironmentIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'environment id must be 1–63 characters of a-z 0-9 . _ - starting with a letter or digit')

function urlOf(what: string, schemes: readonly string[]) {
  return z
    .string()
    .trim()
    .max(2048, `${what} is longer than 2048 characters`)
    .superRefine((value, context) => {
      const problem = urlProblem(value, schemes)
      if (problem) context.addIssue({ code: 'custom', message: `${what} ${problem}` })
    })
}

/** A WebSocket URL (ws:// or wss://) without embedded credentials. */
export const WsUrlSchema = urlOf('WebSocket URL', ['ws', 'wss'])
/** An HTTP(S) base URL without embedded credentials. */
export const HttpUrlSchema = urlOf('HTTP URL', ['http', 'https'])

/** Kinds a user may give an environment (`sandbox` is reserved for the embedded one). */
export const UserEnvironmentKindSchema = z.enum(['local', 'staging', 'production', 'custom'])

/**
 * What `environments.save` accepts: without `id` (or with an unknown one) it creates an environment,
 * with a known id it updates only the fields given. A missing `kind` is detected from `wsUrl`.
 */
export const EnvironmentInputSchema = z
  .object({
    id: EnvironmentIdSchema.optional(),
    name: z.string().trim().min(1, 'name is empty').max(80, 'name is longer than 80 characters').optional(),
    kind: UserEnvironmentKindSchema.optional(),
    wsUrl: WsUrlSchema.optional(),
    httpBase: HttpUrlSchema.nullable().optional(),
    authBase: HttpUrlSchema.nullable().optional(),
    authMethod: AuthMethodSchema.optional(),
    subprotocolStyle: SubprotocolStyleSchema.optional(),
    retries: RetryPolicySchema.optional(),
    sla: SlaThresholdsSchema.partial().optional(),
    expectedGeneration: z.string().trim().min(1).max(40, 'expectedGeneration is longer than 40 characters').nullable().optional()
  })
  .strict()
/** What `environments.save` accepts. */
export type EnvironmentInput = z.infer<typeof EnvironmentInputSchema>

/** The badge of a pasted URL: which environment it looks like, and why. */
export const UrlClassificationSchema = z.object({
  kind: UserEnvironmentKindSchema,
  host: z.string().nullable(),
  knownHost: z.boolean(),
  note: z.string()
})
