import type { FrameRow } from './session-model'

/** Rows per chunk: a chunk's columns are allocated once and never copied as the table grows. */
const CHUNK_BITS = 14
const CHUNK_ROWS = 1 << CHUNK_BITS
const CHUNK_MASK = CHUNK_ROWS - 1

/** A read-only, indexable list of frame rows: the whole table, or a filtered view of it. */
export interface RowList {
  readonly length: number
  /** The row at `index` (negative counts from the end), or undefined outside the list. */
  at(index: number): FrameRow | undefined
  /** The seq of the row at `index` (0 ≤ index < length), without building the row. */
  seqAt(index: number): number
  /** Every row, in order (builds each one: for tests and small lists). */
  toArray(): FrameRow[]
}

/** Strings seen in one column, each stored once; id 0 is null. */
class Interner {
  private readonly ids = new Map<string, number>()
  readonly values: (string | null)[] = [null]

  idOf(value: string | null): number {
    if (value === null) return 0
    let id = this.ids.get(value)
    if (id === undefined) {
      id = this.values.length
      this.values.push(value)
      this.ids.set(value, id)
    }
    return id
  }
}

type Chunk = {
  seq: Float64Array
  t: Float64Array
  size: Float64Array
  label: Uint32Array
  runId: Uint32Array
  agentName: Uint32Array
  /** dir, kind and flag ids, one byte each. */
  dir: Uint8Array
  kind: Uint8Array
  flag: Uint8Array
}

function newChunk(): Chunk {
  return {
    seq: new Float64Array(CHUNK_ROWS),
    t: new Float64Array(CHUNK_ROWS),
    size: new Float64Array(CHUNK_ROWS),
    label: new Uint32Array(CHUNK_ROWS),
    runId: new Uint32Array(CHUNK_ROWS),
    agentName: new Uint32Array(CHUNK_ROWS),
    dir: new Uint8Array(CHUNK_ROWS),
    kind: new Uint8Array(CHUNK_ROWS),
    flag: new Uint8Array(CHUNK_ROWS)
  }
}

/**
 * Every row of a session, stored by column in fixed-size chunks of typed arrays.
 *
 * A million rows as objects are millions of heap objects (the row, its time, its strings) that
 * every major garbage collection of the page must mark: pauses of 100 ms and more, on the UI
 * thread. Here a row is ~60 bytes in typed arrays that the collector never walks, with each
 * distinct string (type, run id, agent) stored once; appending costs the same at any size, and
 * `at(i)` builds the row object only for the rows a view actually reads (a screenful).
 */
export class RowTable implements RowList {
  private readonly chunks: Chunk[] = []
  private readonly labels = new Interner()
  private readonly runIds = new Interner()
  private readonly agents = new Interner()
  private readonly dirs = new Interner()
  private readonly kinds = new Interner()
  private readonly flags = new Interner()
  private count = 0

  /** How many rows the table holds. */
  get length(): number {
    return this.count
  }

  /** A table holding `rows`, in order. */
  static from(rows: readonly FrameRow[]): RowTable {
    const table = new RowTable()
    for (const row of rows) table.push(row)
    return table
  }

  /** Append one row. */
  push(row: FrameRow): void {
    const index = this.count
    const slot = index & CHUNK_MASK
    if (slot === 0) this.chunks.push(newChunk())
    const chunk = this.chunks[index >>> CHUNK_BITS]
    chunk.seq[slot] = row.seq
    chunk.t[slot] = row.t
    chunk.size[slot] = row.size
    chunk.label[slot] = this.labels.idOf(row.label)
    chunk.runId[slot] = this.runIds.idOf(row.runId)
    chunk.agentName[slot] = this.agents.idOf(row.agentName)
    chunk.dir[slot] = this.dirs.idOf(row.dir)
    chunk.kind[slot] = this.kinds.idOf(row.kind)
    chunk.flag[slot] = this.flags.idOf(row.flag)
    this.count = index + 1
  }

  at(index: number): FrameRow | undefined {
    const i = index < 0 ? this.count + index : index
    if (!(i >= 0 && i < this.count)) return undefined
    const chunk = this.chunks[i >>> CHUNK_BITS]
    const slot = i & CHUNK_MASK
    return {
      seq: chunk.seq[slot],
      t: chunk.t[slot],
      dir: this.dirs.values[chunk.dir[slot]] as FrameRow['dir'],
      kind: this.kinds.values[chunk.kind[slot]] as FrameRow['kind'],
      label: this.labels.values[chunk.label[slot]] ?? '',
      size: chunk.size[slot],
      runId: this.runIds.values[chunk.runId[slot]],
      agentName: this.agents.values[chunk.agentName[slot]],
      flag: this.flags.values[chunk.flag[slot]] as FrameRow['flag']
    }
  }

  seqAt(index: number): number {
    return this.chunks[index >>> CHUNK_BITS].seq[index & CHUNK_MASK]
  }

  /** The label of the row at `index` (0 ≤ index < length). */
  labelAt(index: number): string {
    return this.labels.values[this.chunks[index >>> CHUNK_BITS].label[index & CHUNK_MASK]] ?? ''
  }

  toArray(): FrameRow[] {
    const rows: FrameRow[] = []
    for (let i = 0; i < this.count; i++) rows.push(this.at(i) as FrameRow)
    return rows
  }
}

/** A filtered view of a list: the rows at the given indices (ascending), in order. */
export class RowSubset implements RowList {
  constructor(
    private readonly table: RowList,
    /** May grow after construction (a filter keeps appending matches). */
    private readonly indices: readonly number[]
  ) {}

  get length(): number {
    return this.indices.length
  }

  at(index: number): FrameRow | undefined {
    const i = index < 0 ? this.indices.length + index : index
    return i >= 0 && i < this.indices.length ? this.table.at(this.indices[i]) : undefined
  }

  seqAt(index: number): number {
    return this.table.seqAt(this.indices[index])
  }

  toArray(): FrameRow[] {
    return this.indices.map((index) => this.table.at(index) as FrameRow)
  }
}

/** An empty list, for views with no session. */
export const NO_ROWS: RowList = new RowTable()
