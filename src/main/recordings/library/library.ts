import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync } from 'node:fs'
import { appendFile, readdir, rename, rm, stat } from 'node:fs/promises'
import { basename, join, relative, sep } from 'node:path'
import { ContractError } from '../../../shared/api/contract'
import type { LibraryEntry, LibrarySettings } from '../../../shared/api/library-schemas'
import { LIBRARY_INDEX_FILE, LibraryIndex, type LibraryQuery } from './library-index'
import { resolveLibraryFolder, saveLibraryFolder, type LibraryFolder } from './library-settings'
import { summarizeRecording, type RecordingExtras } from './summarize-recording'

/** How the library is set up by the backend. */
export type LibraryOptions = {
  dataDir: string | null
  /** NETRA_DIAG_RECORDINGS_DIR, as the host read it. */
  envDir?: string
  /** Tell the UI: entries changed (and how far the start-up indexing is). */
  onChange(change: { total: number; indexing: { done: number; total: number } | null }): void
  /** Show a file in the OS file manager (Electron's `shell.showItemInFolder`); absent elsewhere. */
  revealPath?: (path: string) => void
}

/** Sub-folders of the library that are not recordings of their own (imports are). */
const TRASH = '.trash'
const IMPORTS = 'imports'
/** Progress events of the reconcile are at most this often. */
const PROGRESS_INTERVAL_MS = 100

/** A safe file name from a browser's: its base name, without control or path characters. */
function safeFileName(name: string): string {
  const base = basename(name.replace(/\\/g, '/'))
    .replace(/[^\w.\- ]+/g, '_')
    .replace(/^\.+/, '')
  return base.slice(-120) || 'upload.ndjson'
}

/**
 * The library: one folder of recordings, described by one index file in it.
 *
 * At start the index is read and reconciled with the folder once (files it does not know are
 * indexed in the background, with progress; entries whose file is gone are dropped; the trash of
 * the last run is emptied). After that, nothing scans the folder: a recording is indexed when it
 * closes, and listing, filtering and paging work on the index in memory.
 */
export class Library {
  private folder: LibraryFolder
  private index: LibraryIndex | null = null
  private indexing: { done: number; total: number } | null = null
  private reconcile: Promise<void> = Promise.resolve()
  private stopped = false
  /** Files being recorded right now: the reconcile leaves them to the close that indexes them. */
  private readonly active = new Set<string>()
  private readonly trashed = new Map<string, { entry: LibraryEntry; trashPath: string }>()
  private readonly uploads = new Map<string, { part: string; fileName: string; bytes: number }>()
  /** Recordings being indexed after their close: `close()` waits for them, so quitting loses no entry. */
  private readonly pending = new Set<Promise<void>>()

  constructor(private readonly options: LibraryOptions) {
    this.folder = resolveLibraryFolder(options.dataDir, options.envDir)
    this.open()
  }

  /** The library folder, or null when there is none (nothing is recorded then). */
  get dir(): string | null {
    return this.folder.dir
  }

  /** Resolves when the start-up reconcile is done (tests, benchmarks). */
  get ready(): Promise<void> {
    return this.reconcile
  }

  /** Where the folder is, why, and the indexing in progress. */
  settings(): LibrarySettings {
    return {
      recordingsDir: this.folder.dir,
      source: this.folder.source,
      recordByDefault: true,
      indexing: this.indexing
    }
  }

  /** Move the library to another folder (persisted), and index that one. */
  async configure(recordingsDir: string | null): Promise<LibrarySettings> {
    if (this.folder.source === 'env')
      throw new ContractError(
        'invalid-request',
        'the library folder is set by NETRA_DIAG_RECORDINGS_DIR; change it there'
      )
    if (!this.options.dataDir)
      throw new ContractError(
        'invalid-request',
        'this backend has no data folder, so there is no library to move'
      )
    await this.close()
    saveLibraryFolder(this.options.dataDir, recordingsDir)
    this.folder = resolveLibraryFolder(this.options.dataDir, this.options.envDir)
    this.stopped = false
    this.open()
    this.changed()
    return this.settings()
  }

  private open(): void {
    const dir = this.folder.dir
    if (!dir) return
    this.index = new LibraryIndex(join(dir, LIBRARY_INDEX_FILE))
    const problem = this.index.load()
    if (problem) console.error(`library: ${problem}`)
    this.reconcile = this.reconcileWith(dir, this.index).catch((error: Error) =>
      console.error(`library: indexing ${dir} failed: ${error.message}`)
    )
  }

  /** Empty the last run's trash, drop entries whose file is gone, index files the index does not know. */
  private async reconcileWith(dir: string, index: LibraryIndex): Promise<void> {
    await rm(join(dir, TRASH), { recursive: true, force: true })
    const files = new Map<string, string>()
    for (const sub of ['', IMPORTS]) {
      const names = await readdir(join(dir, sub)).catch(() => [] as string[])
      for (const name of names)
        if (name.endsWith('.ndjson')) files.set(sub ? `${sub}/${name}` : name, join(dir, sub, name))
    }
    let dropped = false
    for (const id of index.ids())
      if (!files.has(id)) {
        index.remove(id)
        dropped = true
      }
    const todo: Array<[string, string]> = []
    for (const [id, path] of files) {
      const known = index.get(id)
      if (this.active.has(path)) continue
      if (known) {
        const info = await stat(path).catch(() => null)
        if (info && info.size === known.bytes && info.mtimeMs === known.mtimeMs) continue
      }
      todo.push([id, path])
    }
    if (dropped) this.changed()
    if (todo.length === 0) return
    this.indexing = { done: 0, total: todo.length }
    this.changed()
    let lastProgress = Date.now()
    for (const [id, path] of todo) {
      if (this.stopped || this.index !== index) return
      if (!this.active.has(path)) {
        const known = index.get(id)
        try {
          index.put(
            await summarizeRecording(path, id, { name: known?.name, sandboxFault: known?.sandboxFault })
          )
        } catch (error) {
          // Not a recording (or unreadable): listed nowhere, reported once; the file is left alone.
          console.error(`library: ${(error as Error).message}`)
        }
      }
      this.indexing = { done: this.indexing.done + 1, total: todo.length }
      if (Date.now() - lastProgress >= PROGRESS_INTERVAL_MS) {
        lastProgress = Date.now()
        this.changed()
      }
    }
    this.indexing = null
    this.changed()
  }

  private changed(): void {
    this.options.onChange({ total: this.index?.size ?? 0, indexing: this.indexing })
  }

  private requireIndex(): { dir: string; index: LibraryIndex } {
    if (!this.folder.dir || !this.index)
      throw new ContractError('failed', 'there is no library folder (the backend has no data folder)')
    return { dir: this.folder.dir, index: this.index }
  }

  private entry(id: string): LibraryEntry {
    const found = this.requireIndex().index.get(id)
    if (!found) throw new ContractError('not-found', `no recording ${id} in the library`)
    return found
  }

  /** Where a new recording goes, or null when there is no library (the session is then kept in memory). */
  recordingPath(fileName: string): string | null {
    return this.folder.dir ? join(this.folder.dir, fileName) : null
  }

  /** A session started writing this file. */
  recordingStarted(path: string): void {
    this.active.add(path)
  }

  /** A session's recording closed: index it (diagnosed with the shared rules). */
  recordingClosed(path: string, extras: RecordingExtras): Promise<void> {
    this.active.delete(path)
    const id = this.idOf(path)
    const index = this.index
    if (id === null || !index) return Promise.resolve()
    const task = summarizeRecording(path, id, { ...extras, name: index.get(id)?.name ?? extras.name })
      .then((entry) => {
        index.put(entry)
        this.changed()
      })
      .catch((error: Error) => console.error(`library: could not index ${path}: ${error.message}`))
      .finally(() => this.pending.delete(task))
    this.pending.add(task)
    return task
  }

  /** The entry id of a file inside the library (null outside it, or in its trash). */
  idOf(path: string): string | null {
    if (!this.folder.dir) return null
    const inside = relative(this.folder.dir, path)
    if (!inside || inside.startsWith('..') || inside.startsWith(TRASH)) return null
    return inside.split(sep).join('/')
  }

  /** One page of entries and the filters' choices. */
  list(query: LibraryQuery) {
    if (!this.index) return { entries: [], total: 0, facets: { environments: [], components: [] } }
    return { ...this.index.list(query), facets: this.index.facets() }
  }

  /** Give an entry a display name. */
  rename(id: string, name: string): void {
    const entry = this.entry(id)
    this.requireIndex().index.put({ ...entry, name })
    this.changed()
  }

  /** Move a recording into `.trash/` (restorable until the next start). */
  async delete(id: string): Promise<void> {
    const { dir, index } = this.requireIndex()
    const entry = this.entry(id)
    const trashPath = join(dir, TRASH, `${randomBytes(4).toString('hex')}-${id.replace(/\//g, '__')}`)
    mkdirSync(join(dir, TRASH), { recursive: true, mode: 0o700 })
    try {
      await rename(entry.path, trashPath)
    } catch (error) {
      throw new ContractError(
        'failed',
        `could not move ${entry.path} to the trash: ${(error as Error).message}`
      )
    }
    index.remove(id)
    this.trashed.set(id, { entry, trashPath })
    this.changed()
  }

  /** Undo a delete. */
  async restore(id: string): Promise<void> {
    const { index } = this.requireIndex()
    const trashed = this.trashed.get(id)
    if (!trashed)
      throw new ContractError('not-found', `${id} is not in the trash (it is emptied at every start)`)
    if (existsSync(trashed.entry.path))
      throw new ContractError('failed', `a file is already at ${trashed.entry.path}; it was not overwritten`)
    await rename(trashed.trashPath, trashed.entry.path)
    this.trashed.delete(id)
    index.put(trashed.entry)
    this.changed()
  }

  /** Show an entry's file in the file manager where the host can; its path either way. */
  reveal(id: string): { path: string; revealed: boolean } {
    const { path } = this.entry(id)
    if (!this.options.revealPath) return { path, revealed: false }
    this.options.revealPath(path)
    return { path, revealed: true }
  }

  /** Take one chunk of a browser upload into `imports/`; the last one moves it into place. */
  async upload(chunk: {
    uploadId?: string
    fileName: string
    offset: number
    base64: string
    done: boolean
  }) {
    const { dir } = this.requireIndex()
    const imports = join(dir, IMPORTS)
    let uploadId = chunk.uploadId
    let upload = uploadId ? this.uploads.get(uploadId) : undefined
    if (uploadId && !upload)
      throw new ContractError(
        'not-found',
        `no upload ${uploadId} in progress (the app restarted, or it finished)`
      )
    if (!upload) {
      if (chunk.offset !== 0) throw new ContractError('invalid-request', 'an upload starts at offset 0')
      uploadId = `u-${randomBytes(6).toString('hex')}`
      mkdirSync(imports, { recursive: true, mode: 0o700 })
      upload = { part: join(imports, `.${uploadId}.part`), fileName: safeFileName(chunk.fileName), bytes: 0 }
      this.uploads.set(uploadId, upload)
    }
    if (chunk.offset !== upload.bytes)
      throw new ContractError('invalid-request', `chunk at offset ${chunk.offset}, expected ${upload.bytes}`)
    const bytes = Buffer.from(chunk.base64, 'base64')
    await appendFile(upload.part, bytes, { mode: 0o600 })
    upload.bytes += bytes.length
    if (!chunk.done) return { uploadId: uploadId as string, bytes: upload.bytes, path: null }
    this.uploads.delete(uploadId as string)
    const dot = upload.fileName.lastIndexOf('.')
    const [stem, ext] =
      dot > 0 ? [upload.fileName.slice(0, dot), upload.fileName.slice(dot)] : [upload.fileName, '']
    let target = join(imports, upload.fileName)
    for (let n = 1; existsSync(target); n++) target = join(imports, `${stem}-${n}${ext}`)
    await rename(upload.part, target)
    return { uploadId: uploadId as string, bytes: upload.bytes, path: target }
  }

  /** An opened file inside the library that the index does not know yet (an upload): index it. */
  async indexIfNew(path: string): Promise<void> {
    const id = this.idOf(path)
    if (id === null || !this.index || this.index.get(id) || this.active.has(path)) return
    await this.recordingClosed(path, {})
  }

  /** Stop indexing, write the index, drop unfinished uploads. */
  async close(): Promise<void> {
    this.stopped = true
    await this.reconcile
    await Promise.all([...this.pending])
    try {
      this.index?.save()
    } catch (error) {
      console.error(`library: could not write the index: ${(error as Error).message}`)
    }
    await Promise.all([...this.uploads.values()].map((upload) => rm(upload.part, { force: true })))
    this.uploads.clear()
    this.trashed.clear()
  }
}
