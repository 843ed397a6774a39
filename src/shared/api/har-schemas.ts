import { z } from 'zod'

/** A HAR file's path as the file picker or drop gives it (the backend reads it in main). */
export const HarPathSchema = z.string().min(1, 'path is required').max(4096, 'path is longer than 4096 characters')

/** One WebSocket entry of a HAR, as the entry picker shows it (URL already redacted). */
export const HarWebSocketEntrySchema = z.object({
  /** Index in the HAR's `log.entries`. */
  index: z.number().int().nonnegative(),
  url: z.string(),
  /** ISO 8601 start of the upgrade, or null. */
  started: z.string().nullable(),
  status: z.number().int().nullable(),
  messages: z.number().int().nonnegative()
})

/** One WebSocket entry of a HAR, as the entry picker shows it. */
export type HarWebSocketEntryView = z.infer<typeof HarWebSocketEntrySchema>

/** `recordings.har-entries`: the WebSocket entries of a HAR file. */
export const HarEntriesRequestSchema = z.object({ path: HarPathSchema }).strict()

/** `recordings.har-entries` answer; `issues` says where a damaged HAR stopped being readable. */
export const HarEntriesResponseSchema = z.object({ entries: z.array(HarWebSocketEntrySchema), issues: z.array(z.string()).optional() })

/** `recordings.import-har`: import one entry (required when the HAR holds several WebSocket entries). */
export const ImportHarRequestSchema = z.object({ path: HarPathSchema, entry: z.number().int().nonnegative().optional() }).strict()

/** `recordings.import-har` answer: the new recording and what was met on the way. */
export const ImportHarResponseSchema = z.object({
  path: z.string(),
  records: z.number().int().nonnegative(),
  entry: z.number().int().nonnegative().optional(),
  issues: z.array(z.string()).optional()
})
