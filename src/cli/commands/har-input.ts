import { mkdtempSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { convertHarToRecording } from '../../main/recordings/har/convert-har'
import { UsageError } from '../usage-error'

/** A file a command reads as a recording: the file itself, or a HAR converted into a temporary recording. */
export type RecordingInput = {
  /** The recording to read (the given file, or the conversion of the HAR). */
  path: string
  /** Whether the given file was a HAR. */
  fromHar: boolean
  /** Delete the temporary conversion, if any. */
  dispose(): Promise<void>
}

/** Does the path name a HAR file (by its extension, as browsers and proxies save them)? */
export function isHarPath(path: string): boolean {
  return /\.har$/i.test(path)
}

/**
 * Let a command that reads recordings take a HAR too: a `.har` file is converted (one WebSocket
 * entry, `--entry N` when it has several; credentials redacted) into a private temporary
 * recording, and problems on the way are printed as `warning: FILE:LINE:COLUMN: …`. Any other
 * file is read as it is. A HAR that cannot be imported is a usage error naming the file.
 */
export async function recordingInput(file: string, entryFlag: string | undefined, warn: (line: string) => void): Promise<RecordingInput> {
  if (!isHarPath(file)) {
    if (entryFlag !== undefined) throw new UsageError(`--entry applies to HAR files only (${file} is not a .har file)`)
    return { path: file, fromHar: false, dispose: async () => undefined }
  }
  if (entryFlag !== undefined && !/^\d{1,9}$/.test(entryFlag)) throw new UsageError(`--entry must be an entry index (0, 1, …), got ${JSON.stringify(entryFlag)}`)
  const dir = mkdtempSync(join(tmpdir(), 'netra-har-'))
  const path = join(dir, 'imported.ndjson')
  const dispose = (): Promise<void> => rm(dir, { recursive: true, force: true })
  try {
    const result = await convertHarToRecording(file, path, { entry: entryFlag === undefined ? undefined : Number(entryFlag) })
    for (const issue of result.issues) warn(`${file}:${issue.line}:${issue.column}: ${issue.message}`)
  } catch (error) {
    await dispose()
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
  return { path, fromHar: true, dispose }
}
