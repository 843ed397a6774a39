import { z } from 'zod'

/** The most users the UI's isolation check opens at once. */
export const MAX_ISOLATION_USERS = 50

/** `isolation.run`: N concurrent distinct users against one environment. */
export const IsolationRunRequestSchema = z
  .object({
    environmentId: z.string().min(1, 'environmentId is required'),
    users: z.number().int().min(2, 'the isolation check needs at least 2 users').max(MAX_ISOLATION_USERS, `at most ${MAX_ISOLATION_USERS} users`),
    message: z.string().min(1, 'message text is empty').max(10_000).optional(),
    /** Outside the sandbox: one stored credential per user. */
    credentialIds: z.array(z.string().min(1)).max(MAX_ISOLATION_USERS).optional(),
    timeoutMs: z.number().int().min(1000).max(600_000).optional()
  })
  .strict()

/** A frame of one of the check's sessions, with its (already redacted) text for the detail view. */
export const IsolationFrameSchema = z.object({ sessionId: z.string(), seq: z.number().int(), type: z.string(), data: z.string() })

/** One leaked event: who received it, who owns it, and both frames. */
export const IsolationLeakViewSchema = z.object({
  receiver: z.number().int(),
  owner: z.number().int().nullable(),
  confidence: z.enum(['certain', 'likely']),
  reason: z.enum(['user', 'run', 'thread', 'unrequested']),
  frame: IsolationFrameSchema,
  ownerFrame: IsolationFrameSchema.nullable(),
  userId: z.string().nullable(),
  runId: z.string().nullable(),
  threadId: z.string().nullable(),
  agentName: z.string().nullable()
})

/** The leak matrix of N concurrent sessions (rows received events owned by columns). */
export const IsolationRunResponseSchema = z.object({
  environmentId: z.string(),
  participants: z.array(
    z.object({ sessionId: z.string(), label: z.string(), userId: z.string().nullable(), runIds: z.array(z.string()), events: z.number().int() })
  ),
  matrix: z.array(z.array(z.number().int())),
  unowned: z.array(z.number().int()),
  leaks: z.array(IsolationLeakViewSchema)
})

/** The result of `isolation.run`. */
export type IsolationRunResponse = z.infer<typeof IsolationRunResponseSchema>
/** One leak as the UI shows it. */
export type IsolationLeakView = z.infer<typeof IsolationLeakViewSchema>
