import { randomBytes } from 'node:crypto'
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs'
import { basename, dirname } from 'node:path'
import type { z } from 'zod'

/** What reading a settings file gave: its value (or the defaults) and, if it was unusable, why. */
export type JsonFileRead<T> = { value: T; problem: string | null }

/**
 * Write `data` as pretty JSON so that a crash leaves either the old file or the new one, never half
 * of each: write a temp file in the same folder, fsync it, rename it over the target.
 */
export function writeJsonAtomic(file: string, data: unknown, mode = 0o600): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
  const temp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`
  const fd = openSync(temp, 'w', mode)
  try {
    writeSync(fd, `${JSON.stringify(data, null, 2)}\n`)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  try {
    renameSync(temp, file)
  } catch (error) {
    rmSync(temp, { force: true })
    throw error
  }
}

/**
 * Read a settings file. Missing → the defaults. Unparseable or invalid → the original is moved to
 * `<name>.corrupt-<timestamp>` (so the user's data is kept and the next save cannot overwrite it),
 * the defaults are used and `problem` names the file. Unreadable (permissions) → the defaults and a
 * problem, the file left where it is.
 */
export function readJsonFile<S extends z.ZodType>(file: string, schema: S, defaults: () => z.output<S>, now: () => Date = () => new Date()): JsonFileRead<z.output<S>> {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { value: defaults(), problem: null }
    return { value: defaults(), problem: `could not read ${file}: ${(error as Error).message}; using defaults` }
  }
  let detail: string
  try {
    const parsed = schema.safeParse(JSON.parse(text))
    if (parsed.success) return { value: parsed.data, problem: null }
    detail = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ')
  } catch (error) {
    detail = `not valid JSON (${(error as Error).message})`
  }
  const aside = `${file}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`
  try {
    renameSync(file, aside)
  } catch (error) {
    return { value: defaults(), problem: `${file} is unusable (${detail}) and could not be moved aside (${(error as Error).message}); using defaults` }
  }
  return { value: defaults(), problem: `${file} was unusable (${detail}); kept it as ${basename(aside)} and started from defaults` }
}
