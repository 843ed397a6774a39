import type { RowList } from '../../../shared/session-model'

/**
 * Index of the item with `seq` among the first `count` items of a list sorted by seq (records,
 * rows, filtered rows), or -1.
 *
 * Binary search, because lists reach 1 000 000 items and selection runs on every keypress;
 * `count` lets a caller search the part of an append-only list it has rendered, without a copy.
 */
export function findIndexBySeq(items: readonly { seq: number }[] | RowList, seq: number, count = items.length): number {
  const seqAt = 'seqAt' in items ? (index: number) => items.seqAt(index) : (index: number) => (items as readonly { seq: number }[])[index].seq
  let low = 0
  let high = Math.min(count, items.length) - 1
  while (low <= high) {
    const mid = (low + high) >>> 1
    const value = seqAt(mid)
    if (value === seq) return mid
    if (value < seq) low = mid + 1
    else high = mid - 1
  }
  return -1
}
