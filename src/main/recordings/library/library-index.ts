import { z } from 'zod'
import { LibraryEntrySchema, type LibraryEntry } from '../../../shared/api/library-schemas'
import { readJsonFile, writeJsonAtomic } from '../../settings/json-file'

/** File name of the index inside the library folder. */
export const LIBRARY_INDEX_FILE = 'library-index.json'

// Read leniently: an entry that no longer fits the schema is dropped (and indexed again from its file), never the whole index.
const IndexFileSchema = z.object({ version: z.literal(1), entries: z.array(z.unknown()) }).loose()

/** What `list` filters by. */
export type LibraryQuery = {
  text?: string
  environmentId?: string
  verdict?: LibraryEntry['verdict']
  component?: string
  offset?: number
  limit?: number
}

const STRING_FIELDS = ['id', 'path', 'name', 'sessionId', 'environmentId', 'environmentName', 'url'] as const
const NUMBER_FIELDS = ['startedAt', 'durationMs', 'recordCount', 'bytes', 'mtimeMs'] as const
const VERDICTS = new Set(LibraryEntrySchema.shape.verdict.options)

/**
 * Is `raw` an entry as this version writes them? A hand check rather than the schema: it runs for
 * every entry at start, and zod took over a second for 10 000 entries on a loaded machine; this takes milliseconds.
 */
function isEntry(raw: unknown): raw is LibraryEntry {
  if (typeof raw !== 'object' || raw === null) return false
  const entry = raw as Record<string, unknown>
  const finding = entry.topFinding as Record<string, unknown> | null
  return (
    STRING_FIELDS.every((field) => typeof entry[field] === 'string') &&
    NUMBER_FIELDS.every((field) => typeof entry[field] === 'number' && Number.isFinite(entry[field])) &&
    VERDICTS.has(entry.verdict as LibraryEntry['verdict']) &&
    typeof entry.cutOff === 'boolean' &&
    (entry.sandboxFault === null || typeof entry.sandboxFault === 'string') &&
    (finding === null ||
      (typeof finding === 'object' &&
        typeof finding.component === 'string' &&
        typeof finding.title === 'string'))
  )
}

/** Lower-case text an entry is searched in, computed once per entry (not per query). */
function searchText(entry: LibraryEntry): string {
  return [
    entry.name,
    entry.environmentName,
    entry.url,
    entry.verdict,
    entry.topFinding?.component ?? '',
    entry.topFinding?.title ?? '',
    entry.sandboxFault ?? '',
    entry.sessionId,
    entry.id
  ]
    .join('\n')
    .toLowerCase()
}

/**
 * The library's entries in memory, newest first, and their one index file on disk.
 *
 * Listing filters the sorted array in memory: with 10 000 entries a query is a linear pass over
 * short precomputed strings (about a millisecond), and a page is a slice. The file is rewritten
 * atomically, coalesced: many changes in a burst (the start-up reconcile) cost one write.
 */
export class LibraryIndex {
  private entries = new Map<string, { entry: LibraryEntry; text: string }>()
  private sorted: Array<{ entry: LibraryEntry; text: string }> | null = null
  private saveTimer: NodeJS.Timeout | null = null

  constructor(private readonly file: string) {}

  /** Read the index file; a missing or unreadable one is an empty index (the folder is reconciled next). */
  load(): string | null {
    const read = readJsonFile(this.file, IndexFileSchema, () => ({ version: 1 as const, entries: [] }))
    this.entries.clear()
    for (const raw of read.value.entries)
      if (isEntry(raw)) this.entries.set(raw.id, { entry: raw, text: searchText(raw) })
    this.sorted = null
    return read.problem
  }

  /** How many entries there are. */
  get size(): number {
    return this.entries.size
  }

  /** The entry with this id. */
  get(id: string): LibraryEntry | undefined {
    return this.entries.get(id)?.entry
  }

  /** Every id. */
  ids(): string[] {
    return [...this.entries.keys()]
  }

  /** Add or replace an entry. */
  put(entry: LibraryEntry): void {
    this.entries.set(entry.id, { entry, text: searchText(entry) })
    this.changed()
  }

  /** Remove an entry; returns it. */
  remove(id: string): LibraryEntry | undefined {
    const found = this.entries.get(id)?.entry
    if (found) {
      this.entries.delete(id)
      this.changed()
    }
    return found
  }

  /** One page of the entries matching `query`, newest first, with the total that match. */
  list(query: LibraryQuery): { entries: LibraryEntry[]; total: number } {
    const words = (query.text ?? '').toLowerCase().split(/\s+/).filter(Boolean)
    const matches = this.ordered().filter(
      ({ entry, text }) =>
        (query.environmentId === undefined || entry.environmentId === query.environmentId) &&
        (query.verdict === undefined || entry.verdict === query.verdict) &&
        (query.component === undefined || entry.topFinding?.component === query.component) &&
        words.every((word) => text.includes(word))
    )
    const offset = query.offset ?? 0
    return {
      entries: matches.slice(offset, offset + (query.limit ?? 100)).map(({ entry }) => entry),
      total: matches.length
    }
  }

  /** The environments and components present, for the filters. */
  facets(): { environments: Array<{ id: string; name: string }>; components: string[] } {
    const environments = new Map<string, string>()
    const components = new Set<string>()
    for (const { entry } of this.entries.values()) {
      environments.set(entry.environmentId, entry.environmentName)
      if (entry.topFinding) components.add(entry.topFinding.component)
    }
    return {
      environments: [...environments]
        .map(([id, name]) => ({ id, name }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      components: [...components].sort()
    }
  }

  private ordered(): Array<{ entry: LibraryEntry; text: string }> {
    this.sorted ??= [...this.entries.values()].sort(
      (a, b) => b.entry.startedAt - a.entry.startedAt || a.entry.id.localeCompare(b.entry.id)
    )
    return this.sorted
  }

  private changed(): void {
    this.sorted = null
    if (this.saveTimer) return
    // Coalesced: the reconcile adds entries one by one; one write covers the burst.
    this.saveTimer = setTimeout(() => {
      try {
        this.save()
      } catch (error) {
        console.error(`library: could not write ${this.file}: ${(error as Error).message}`)
      }
    }, 200)
    this.saveTimer.unref()
  }

  /** Write the index file now (atomic). */
  save(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer)
    this.saveTimer = null
    writeJsonAtomic(this.file, { version: 1, entries: [...this.entries.values()].map(({ entry }) => entry) })
  }
}
