import { closeSync, openSync, statSync, unlinkSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { UsageError } from '../usage-error'

function errnoOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code
}

/**
 * Check, before any network work, that `file` can be written (a `--record` or `--out` path), and
 * return it absolute. It really opens the file (without changing it), because only the system knows
 * about read-only mounts, ownership and ACLs. A new file is removed again: nothing is left behind.
 */
export function checkOutputFile(file: string, flag: string): string {
  const path = resolve(file)
  const folder = dirname(path)
  let folderIsDirectory: boolean
  try {
    folderIsDirectory = statSync(folder).isDirectory()
  } catch (error) {
    if (errnoOf(error) !== 'ENOENT' && errnoOf(error) !== 'ENOTDIR') throw error
    throw new UsageError(`${flag} ${file}: the folder ${folder} does not exist. Create it first (mkdir -p ${folder}) or choose another path.`)
  }
  if (!folderIsDirectory) throw new UsageError(`${flag} ${file}: ${folder} is a file, not a folder. Choose a path inside a folder.`)
  let existed = false
  try {
    if (statSync(path).isDirectory()) throw new UsageError(`${flag} ${file} is a folder. Give a file name inside it, such as ${resolve(path, 'session.ndjson')}.`)
    existed = true
  } catch (error) {
    if (error instanceof UsageError) throw error
  }
  try {
    closeSync(openSync(path, existed ? 'r+' : 'wx', 0o600))
    if (!existed) unlinkSync(path)
  } catch (error) {
    const code = errnoOf(error)
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
      throw new UsageError(`${flag} ${file} cannot be written (${code === 'EROFS' ? 'read-only file system' : 'permission denied'}). Choose a path you can write to.`)
    throw new UsageError(`${flag} ${file} cannot be written (${error instanceof Error ? error.message : String(error)}). Choose another path.`)
  }
  return path
}

/** Make way for a new file at a path `checkOutputFile` accepted: an older file there is replaced. */
export function replaceOutputFile(path: string): void {
  try {
    unlinkSync(path)
  } catch (error) {
    if (errnoOf(error) !== 'ENOENT') throw error
  }
}
