/**
 * Index of the item with `seq` in a list sorted by seq (records, rows, filtered rows), or -1.
 *
 * Binary search, because lists reach 100 000+ items and selection runs on every keypress.
 */
export function findIndexBySeq(items: readonly { seq: number }[], seq: number): number {
  let low = 0
  let high = items.length - 1
  while (low <= high) {
    const mid = (low + high) >>> 1
    const value = items[mid].seq
    if (value === seq) return mid
    if (value < seq) low = mid + 1
    else high = mid - 1
  }
  return -1
}
