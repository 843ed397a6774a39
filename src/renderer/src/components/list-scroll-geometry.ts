/**
 * Tallest content the frame list lays out: 2^22 px (190 650 rows of 22 px). The compositor draws
 * in single precision, exact to a quarter pixel below this height and to 2 px at 22 M px. At 2 px,
 * a row's text was placed up to 2 px off its neighbours' at a million rows, so rows overlapped on screen.
 */
export const MAX_CONTENT_PX = 4_194_304

/** How a list of `count` rows maps the scrollbar's real position onto the rows. */
export type ListScrollGeometry = {
  /** Height of the laid-out content: the rows' own height, up to {@link MAX_CONTENT_PX}. */
  contentHeight: number
  /** Height of every row stacked (`count × rowHeight`). */
  virtualHeight: number
  /**
   * Rows' pixels per scrolled pixel: 1 while the rows fit, more beyond. Both ends still meet: the top
   * of the scrollbar shows the first row, its bottom the last.
   */
  scale: number
}

/** The geometry of a list of `count` rows of `rowHeight` px in a viewport `viewport` px high. */
export function listScrollGeometry(count: number, rowHeight: number, viewport: number): ListScrollGeometry {
  const virtualHeight = count * rowHeight
  const contentHeight = Math.min(virtualHeight, MAX_CONTENT_PX)
  const scale = virtualHeight > contentHeight && contentHeight > viewport ? (virtualHeight - viewport) / (contentHeight - viewport) : 1
  return { contentHeight, virtualHeight, scale }
}
