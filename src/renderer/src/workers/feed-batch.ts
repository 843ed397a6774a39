import type { FrameRecord } from '../../../shared/api/frame-record'
import { bulkStandIn, bulkTypeOf, type RowList } from '../../../shared/session-model'

/**
 * A batch of records on its way to the diagnosis worker, packed so that the UI thread does not
 * structured-clone a record object per frame: a received bulk output frame (see `withoutBulkText`:
 * the worker needs only its type, time and size) travels as three numbers and a type code in
 * typed arrays that are transferred, not copied; every other record travels whole. The profile of
 * a 1 M-frame flood had the clone of the record objects (`postMessage`) as the UI thread's largest
 * script cost, ~2.3 s in all. `unpackFeed` gives exactly what `withoutBulkText` gives, record for record.
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

/** Keys of a text message record, the only shape packed (a record with any other key travels whole). */
const MESSAGE_KEYS = 8

function keyCount(record: object): number {
  let count = 0
  for (const key in record) if (Object.hasOwn(record, key)) count++
  return count
}

/** Pack `records`, whose rows are `rows` from `firstRow` on (the same reducer read them), for {@link unpackFeed}. */
export function packFeed(records: readonly FrameRecord[], rows: RowList, firstRow: number): FeedBatch {
  const count = records.length
  const code = new Uint8Array(count)
  const numbers = new Float64Array(count * 3)
  const types: string[] = []
  const whole: FrameRecord[] = []
  for (let i = 0; i < count; i++) {
    const record = records[i]
    const type = bulkTypeOf(record, rows, firstRow + i)
    if (type === null || record.kind !== 'message') {
      whole.push(record)
      continue
    }
    if (record.opcode !== 1 || keyCount(record) !== MESSAGE_KEYS) {
      // Not the plain shape the numbers rebuild: whole, reduced as withoutBulkText reduces it.
      whole.push({ ...record, data: bulkStandIn(type) })
      continue
    }
    let k = types.indexOf(type)
    if (k === -1) k = types.push(type) - 1
    code[i] = k + 1
    numbers[3 * i] = record.seq
    numbers[3 * i + 1] = record.t
    numbers[3 * i + 2] = record.size
  }
  return { count, code, numbers, types, whole }
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
        : { seq: batch.numbers[3 * i], t: batch.numbers[3 * i + 1], dir: 'in', kind: 'message', opcode: 1, encoding: 'utf8', data: standIns[k - 1], size: batch.numbers[3 * i + 2] }
  }
  return records
}

/** The buffers `postMessage` may transfer instead of copying (the batch is not used again on this side). */
export function transferablesOf(batch: FeedBatch): ArrayBuffer[] {
  return [batch.code.buffer as ArrayBuffer, batch.numbers.buffer as ArrayBuffer]
}
