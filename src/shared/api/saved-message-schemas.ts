import { z } from 'zod'

/** Most saved messages one environment keeps: a picker, not an archive. */
export const MAX_SAVED_MESSAGES = 200

/** Longest saved message text: the same limit `session.send` has (1 MiB). */
export const MAX_SAVED_MESSAGE_CHARS = 1_048_576

/** A saved message's name: what the composer's list shows and keyboard search matches. */
export const SavedMessageNameSchema = z
  .string()
  .trim()
  .min(1, 'the name is empty')
  .max(80, 'the name is longer than 80 characters')
  .refine((name) => ![...name].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f), { message: 'the name contains a control character' })

/** How the composer sends a message: the `user_message` envelope, or the text verbatim. */
export const SavedMessageModeSchema = z.enum(['user_message', 'raw'])

/** One saved composer message of an environment (never holds a secret: the backend refuses those). */
export const SavedMessageSchema = z.object({
  id: z.string(),
  name: z.string(),
  text: z.string(),
  mode: SavedMessageModeSchema,
  /** ISO time of the last save or rename. */
  savedAt: z.string()
})
/** One saved composer message of an environment. */
export type SavedMessage = z.infer<typeof SavedMessageSchema>

const environmentId = z.string().min(1, 'environmentId is required')

/** `messages.save`: save the composer's text under a name; `replace` overwrites a message of the same name. */
export const SavedMessageSaveRequestSchema = z
  .object({
    environmentId,
    name: SavedMessageNameSchema,
    text: z.string().min(1, 'message text is empty').max(MAX_SAVED_MESSAGE_CHARS, 'message is larger than 1 MiB'),
    mode: SavedMessageModeSchema,
    replace: z.boolean().optional()
  })
  .strict()

/** `messages.rename`: give a saved message a new name. */
export const SavedMessageRenameRequestSchema = z
  .object({ environmentId, id: z.string().min(1, 'id is required'), name: SavedMessageNameSchema })
  .strict()

/** `messages.remove`: delete a saved message. */
export const SavedMessageRemoveRequestSchema = z.object({ environmentId, id: z.string().min(1, 'id is required') }).strict()

/** `messages.list`: an environment's saved messages. */
export const SavedMessageListRequestSchema = z.object({ environmentId }).strict()

/** What every `messages.*` method answers: the environment's saved messages as they now are, by name. */
export const SavedMessageListSchema = z.object({
  environmentId: z.string(),
  messages: z.array(SavedMessageSchema),
  /** saved-messages.json could not be read (it was moved aside; nothing was lost). */
  loadError: z.string().optional()
})
/** An environment's saved messages. */
export type SavedMessageList = z.infer<typeof SavedMessageListSchema>
