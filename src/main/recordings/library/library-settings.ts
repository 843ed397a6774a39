import { join } from 'node:path'
import { z } from 'zod'
import { readJsonFile, writeJsonAtomic } from '../../settings/json-file'

/** File name of the app's general settings inside the data folder (beside environments.json). */
export const SETTINGS_FILE = 'settings.json'

/** The environment variable that chooses the library folder (wins over the setting). */
export const RECORDINGS_DIR_ENV = 'NETRA_DIAG_RECORDINGS_DIR'

// Lenient: other settings may live in the same file; they are kept when the library's is written.
const SettingsFileSchema = z.object({ recordingsDir: z.string().optional() }).loose()

/** Where the library folder is and why. */
export type LibraryFolder = { dir: string | null; source: 'env' | 'setting' | 'default' | 'none' }

/**
 * The library folder: `NETRA_DIAG_RECORDINGS_DIR` when set, else the `recordingsDir` setting in
 * `<data folder>/settings.json`, else `<data folder>/recordings`. Without a data folder (the CLI's
 * probe, most tests) there is no library: nothing is recorded unless the caller names a file.
 */
export function resolveLibraryFolder(dataDir: string | null, env: string | undefined): LibraryFolder {
  if (!dataDir) return { dir: null, source: 'none' }
  if (env) return { dir: env, source: 'env' }
  const stored = readJsonFile(join(dataDir, SETTINGS_FILE), SettingsFileSchema, () => ({})).value
    .recordingsDir
  return stored ? { dir: stored, source: 'setting' } : { dir: join(dataDir, 'recordings'), source: 'default' }
}

/** Persist the user's library folder (null: back to the default), keeping the file's other settings. */
export function saveLibraryFolder(dataDir: string, recordingsDir: string | null): void {
  const file = join(dataDir, SETTINGS_FILE)
  const { recordingsDir: _old, ...rest } = readJsonFile(file, SettingsFileSchema, () => ({})).value
  writeJsonAtomic(file, recordingsDir ? { ...rest, recordingsDir } : rest)
}
