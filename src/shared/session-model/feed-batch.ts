import type { FrameRecord } from '../api/frame-record'
import { bulkStandIn, standInRecord } from './bulk-output'

/**
 * A batch of records on its way to a thread that folds them for the diagnosis (the renderer's
 * diagnosis worker, the HAR export's verdict worker), packed so that the sender neither builds
 * nor structured-clones a record object per frame: a received bulk output frame (the fold needs
 * only its type, time and size, see `withoutBulkText`) travels as three numbers and a type code in
 * typed arrays that are transferred, not copied; every other record travels whole.
 * `unpackFeed` gives each bulk output frame back as the plain text message record it stands for.
 */
export type FeedBatch = {
  /** Records in the batch. */
  count: number
  /** Per record: 0 = the next of `whole`; k > 0 = a bulk output frame of type `types[k - 1]`. */
  code: Uint8Array
  /** seq, t and size of each bulk output frame, at 3 × its place in the batch. */
  numbers: Float64Array
  /** The bulk output types named by `code`. */
  types: string[]
  /** The records that travel whole, in batch order. */
  whole: FrameRecord[]
}

/** Fills a {@link FeedBatch} of at most `capacity` records, in order. */
export class FeedBatchBuilder {
  private readonly code: Uint8Array
  private readonly numbers: Float64Array
  private readonly types: string[] = []
  private readonly whole: FrameRecord[] = []
  private count = 0

  constructor(capacity: number) {
    this.code = new Uint8Array(capacity)
    this.numbers = new Float64Array(capacity * 3)
  }

  /** A received text frame of bulk output `type`, plain in shape (see `unpackFeed`), as numbers. */
  bulk(type: string, seq: number, t: number, size: number): void {
    let k = this.types.indexOf(type)
    if (k === -1) k = this.types.push(type) - 1
    const i = this.count++
    this.code[i] = k + 1
    this.numbers[3 * i] = seq
    this.numbers[3 * i + 1] = t
    this.numbers[3 * i + 2] = size
  }

  /** Any other record, whole. */
  record(record: FrameRecord): void {
    this.whole.push(record)
    this.code[this.count++] = 0
  }

  /** The batch (the builder is not used again). */
  finish(): FeedBatch {
    return { count: this.count, code: this.code, numbers: this.numbers, types: this.types, whole: this.whole }
  }
}

/** The records of a packed batch, in order: each bulk output frame with its type's stand-in text. */
export function unpackFeed(batch: FeedBatch): FrameRecord[] {
  const records: FrameRecord[] = new Array<FrameRecord>(batch.count)
  const standIns = batch.types.map(bulkStandIn)
  let next = 0
  for (let i = 0; i < batch.count; i++) {
    const k = batch.code[i]
    records[i] =
      k === 0
        ? batch.whole[next++]
        : standInRecord(standIns[k - 1], batch.numbers[3 * i], batch.numbers[3 * i + 1], batch.numbers[3 * i + 2])
  }
  return records
}

/** The buffers `postMessage` may transfer instead of copying (the batch is not used again on this side). */
export function transferablesOf(batch: FeedBatch): ArrayBuffer[] {
  return [batch.code.buffer as ArrayBuffer, batch.numbers.buffer as ArrayBuffer]
}
