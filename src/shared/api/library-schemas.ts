import { z } from 'zod'

/**
 * The library (issue 11): every recording in the library folder, as its index describes it.
 * The index is written when a recording closes and reconciled with the folder once at start,
 * so listing never scans the folder.
 */

/** Most entries one `library.list` page returns (the virtual list asks for what it shows). */
export const LIBRARY_PAGE_MAX = 1_000

/** Largest chunk of a browser upload (`recordings.upload`), before base64. */
export const UPLOAD_CHUNK_MAX = 4 * 1024 * 1024

/** The verdict of a diagnosis. */
export const LibraryVerdictSchema = z.enum(['healthy', 'degraded', 'failing'])

/** An entry's id: its file's path inside the library folder, `/`-separated (`imports/x.ndjson`). */
const entryId = z
  .string()
  .min(1, 'id is required')
  .max(1000)
  .refine((id) => !id.split(/[\\/]/).includes('..') && !/^([\\/]|[A-Za-z]:)/.test(id), {
    message: 'id must be a path inside the library folder'
  })

/** One recording of the library. */
export const LibraryEntrySchema = z.object({
  /** The file's path inside the library folder (stable across renames: renaming changes `name` only). */
  id: z.string(),
  /** Absolute path of the file. */
  path: z.string(),
  /** What the list shows: the user's name for it, or the environment and start time. */
  name: z.string(),
  sessionId: z.string(),
  environmentId: z.string(),
  environmentName: z.string(),
  url: z.string(),
  /** Epoch ms of the session's start (its `session-start` record, else the header's `createdAt`). */
  startedAt: z.number(),
  /** From the first record to the last. */
  durationMs: z.number().nonnegative(),
  recordCount: z.number().int().nonnegative(),
  verdict: LibraryVerdictSchema,
  /** The most severe finding: which component and what. */
  topFinding: z.object({ component: z.string(), title: z.string() }).nullable(),
  /** The sandbox faults injected when it was recorded (known for sessions this app recorded against the sandbox). */
  sandboxFault: z.string().nullable(),
  /** The recording ends without a close (crash, kill). */
  cutOff: z.boolean(),
  bytes: z.number().int().nonnegative(),
  /** The file's modification time when it was indexed (a changed file is indexed again). */
  mtimeMs: z.number()
})
/** One recording of the library. */
export type LibraryEntry = z.infer<typeof LibraryEntrySchema>

/** `library.list`: filtered and paged in the backend, newest first. */
export const LibraryListRequestSchema = z
  .object({
    /** Case-insensitive words, each found in the name, environment, URL, finding, component, fault or verdict. */
    text: z.string().max(500).optional(),
    environmentId: z.string().max(200).optional(),
    verdict: LibraryVerdictSchema.optional(),
    component: z.string().max(100).optional(),
    offset: z.number().int().nonnegative().optional(),
    limit: z.number().int().positive().max(LIBRARY_PAGE_MAX, `limit is over ${LIBRARY_PAGE_MAX}`).optional()
  })
  .strict()

/** `library.list`'s answer: one page of the matching entries, and how many match. */
export const LibraryListResponseSchema = z.object({
  entries: z.array(LibraryEntrySchema),
  total: z.number().int().nonnegative(),
  /** What the filters can choose from, over the whole library. */
  facets: z.object({
    environments: z.array(z.object({ id: z.string(), name: z.string() })),
    components: z.array(z.string())
  })
})

/** A request naming one entry. */
export const LibraryEntryRequestSchema = z.object({ id: entryId }).strict()

/** `library.rename`: a new display name (the file keeps its name). */
export const LibraryRenameRequestSchema = z
  .object({
    id: entryId,
    name: z.string().trim().min(1, 'name is empty').max(200, 'name is longer than 200 characters')
  })
  .strict()

/** Where the library folder is and why. */
export const LibrarySettingsSchema = z.object({
  /** The folder in use. */
  recordingsDir: z.string().nullable(),
  /** `env`: NETRA_DIAG_RECORDINGS_DIR (cannot be changed from the UI); `setting`: chosen by the user; `default`: `<data folder>/recordings`; `none`: no data folder (nothing is recorded). */
  source: z.enum(['env', 'setting', 'default', 'none']),
  /** Sessions are recorded unless the connect request says `record: false`. */
  recordByDefault: z.boolean(),
  /** The background indexing at start, while it runs. */
  indexing: z
    .object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative() })
    .nullable()
})
/** Where the library folder is and why. */
export type LibrarySettings = z.infer<typeof LibrarySettingsSchema>

/** `library.configure`: move the library to another folder (null: back to the default). */
export const LibraryConfigureRequestSchema = z
  .object({
    recordingsDir: z
      .string()
      .max(4096)
      .refine((dir) => /^([\\/]|[A-Za-z]:[\\/])/.test(dir), {
        message: 'recordingsDir must be an absolute path'
      })
      .nullable()
  })
  .strict()

/** `recordings.open`: a recording file by its path on the backend's machine. */
export const RecordingsOpenRequestSchema = z
  .object({
    path: z
      .string()
      .min(1, 'path is required')
      .max(4096)
      .refine((path) => /^([\\/]|[A-Za-z]:[\\/])/.test(path), { message: 'path must be absolute' })
  })
  .strict()

/** `recordings.upload`: one chunk of a file the browser uploads into the library's `imports/`. */
export const RecordingsUploadRequestSchema = z
  .object({
    /** Absent on the first chunk; then the id the first answer gave. */
    uploadId: z
      .string()
      .regex(/^u-[0-9a-f]{12}$/, 'uploadId is not one this backend gave')
      .optional(),
    /** The file's own name (only its base name is used). */
    fileName: z.string().min(1, 'fileName is required').max(255),
    offset: z.number().int().nonnegative(),
    base64: z.string().max(Math.ceil(UPLOAD_CHUNK_MAX / 3) * 4, 'chunk is larger than 4 MiB'),
    /** The last chunk: the file is moved into place and its path returned. */
    done: z.boolean()
  })
  .strict()

/** `recordings.upload`'s answer. */
export const RecordingsUploadResponseSchema = z.object({
  uploadId: z.string(),
  bytes: z.number().int().nonnegative(),
  /** Set once `done`: where the file now is. */
  path: z.string().nullable()
})
