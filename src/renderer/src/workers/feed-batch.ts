import type { FrameRecord } from '../../../shared/api/frame-record'
import {
  bulkStandIn,
  bulkTypeOf,
  FeedBatchBuilder,
  type FeedBatch,
  type RowList
} from '../../../shared/session-model'

/** Keys of a text message record, the only shape packed (a record with any other key travels whole). */
const MESSAGE_KEYS = 8

function keyCount(record: object): number {
  let count = 0
  for (const key in record) if (Object.hasOwn(record, key)) count++
  return count
}

/**
 * Pack `records`, whose rows are `rows` from `firstRow` on (the same reducer read them), for the
 * diagnosis worker (`unpackFeed`), which then holds exactly what `withoutBulkText` gives, record
 * for record. The profile of a 1 M-frame flood had the clone of the record objects (`postMessage`)
 * as the UI thread's largest script cost, ~2.3 s in all.
 */
export function packFeed(records: readonly FrameRecord[], rows: RowList, firstRow: number): FeedBatch {
  const batch = new FeedBatchBuilder(records.length)
  for (let i = 0; i < records.length; i++) {
    const record = records[i]
    const type = bulkTypeOf(record, rows, firstRow + i)
    if (type === null || record.kind !== 'message') batch.record(record)
    // Not the plain shape the numbers rebuild: whole, reduced as withoutBulkText reduces it.
    else if (record.opcode !== 1 || keyCount(record) !== MESSAGE_KEYS)
      batch.record({ ...record, data: bulkStandIn(type) })
    else batch.bulk(type, record.seq, record.t, record.size)
  }
  return batch.finish()
}
