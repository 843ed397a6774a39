// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest'
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { RowTable } from '../../../shared/session-model'
import { fakeElementSize } from '../test-support/layout'
import { FRAME_ROW_HEIGHT, FrameList } from './FrameList'
import { listScrollGeometry, MAX_CONTENT_PX } from './list-scroll-geometry'

// No vitest globals here, so Testing Library cannot register its own cleanup.
afterEach(cleanup)

function manyRows(count: number): RowTable {
  return RowTable.from(Array.from({ length: count }, (_, seq) => ({
    seq,
    t: seq / 10,
    dir: 'in' as const,
    kind: 'message' as const,
    label: 'stream_chunk',
    size: 120,
    runId: null,
    agentName: null,
    flag: seq === 7 ? ('malformed-json' as const) : null
  })))
}

describe('FrameList', () => {
  let restore: () => void
  beforeEach(() => {
    restore = fakeElementSize(800, 440)
  })
  afterEach(() => restore())

  it('renders only a window of 100 000 rows', () => {
    render(<FrameList rows={manyRows(100_000)} selectedSeq={null} followTail={false} onSelect={() => {}} onFollowTailChange={() => {}} />)
    const rendered = screen.getAllByTestId('frame-row')
    // 440 px of 22 px rows is 20 rows, plus overscan: nowhere near 100 000.
    expect(rendered.length).toBeGreaterThanOrEqual(20)
    expect(rendered.length).toBeLessThan(60)
    expect(screen.getByTestId('frame-list')).toHaveAttribute('aria-rowcount', '100000')
    // The inner box is as tall as all rows, so the scrollbar reflects the whole list.
    expect((screen.getByTestId('frame-list').firstChild as HTMLElement).style.height).toBe(`${100_000 * FRAME_ROW_HEIGHT}px`)
  })

  it('marks flagged rows and shows direction, offset and size', () => {
    render(<FrameList rows={manyRows(20)} selectedSeq={null} followTail={false} onSelect={() => {}} onFollowTailChange={() => {}} />)
    const flagged = screen.getAllByTestId('frame-row').find((row) => row.dataset.seq === '7')
    expect(flagged).toHaveClass('flagged')
    expect(flagged).toHaveTextContent('malformed')
    expect(flagged).toHaveTextContent('↓')
    expect(flagged).toHaveTextContent('+0.7 ms')
    expect(flagged).toHaveTextContent('120 B')
  })

  it('selects on click and moves the selection with the arrow keys', () => {
    const onSelect = vi.fn()
    const { rerender } = render(
      <FrameList rows={manyRows(50)} selectedSeq={null} followTail={false} onSelect={onSelect} onFollowTailChange={() => {}} />
    )
    fireEvent.click(screen.getAllByTestId('frame-row')[3])
    expect(onSelect).toHaveBeenLastCalledWith(3)

    rerender(<FrameList rows={manyRows(50)} selectedSeq={3} followTail={false} onSelect={onSelect} onFollowTailChange={() => {}} />)
    fireEvent.keyDown(screen.getByTestId('frame-list'), { key: 'ArrowDown' })
    expect(onSelect).toHaveBeenLastCalledWith(4)
    fireEvent.keyDown(screen.getByTestId('frame-list'), { key: 'ArrowUp' })
    expect(onSelect).toHaveBeenLastCalledWith(2)
    fireEvent.keyDown(screen.getByTestId('frame-list'), { key: 'End' })
    expect(onSelect).toHaveBeenLastCalledWith(49)
  })

  it('lays out at most MAX_CONTENT_PX of content, and maps the scrollbar onto every row from the first to the last', () => {
    // 400 000 rows are 8.8 M px: drawn in single precision, rows that far down would be up to 1 px off each other.
    const count = 400_000
    const { scale } = listScrollGeometry(count, FRAME_ROW_HEIGHT, 440)
    expect(scale).toBeCloseTo((count * FRAME_ROW_HEIGHT - 440) / (MAX_CONTENT_PX - 440), 9)
    expect(listScrollGeometry(100_000, FRAME_ROW_HEIGHT, 440)).toEqual({ contentHeight: 100_000 * FRAME_ROW_HEIGHT, virtualHeight: 100_000 * FRAME_ROW_HEIGHT, scale: 1 })
    render(<FrameList rows={manyRows(count)} selectedSeq={null} followTail={false} onSelect={() => {}} onFollowTailChange={() => {}} />)
    const list = screen.getByTestId('frame-list')
    const inner = list.firstElementChild as HTMLElement
    expect(inner.style.height).toBe(`${MAX_CONTENT_PX}px`)
    /** Each rendered row's index and where it is drawn in the content (the block's top plus its own offset). */
    const drawn = (): Array<{ index: number; y: number }> => {
      const block = inner.firstElementChild as HTMLElement
      return screen.getAllByTestId('frame-row').map((row) => ({
        index: Number(row.dataset.index),
        y: parseFloat(block.style.top) + Number(/translateY\((-?[\d.e-]+)px\)/.exec(row.style.transform)?.[1])
      }))
    }
    for (const scrolled of [0, 1_234_567.5, MAX_CONTENT_PX - 440]) {
      act(() => {
        list.scrollTop = scrolled
        fireEvent.scroll(list)
      })
      const rows = drawn()
      // The row at the view's position among the rows is on screen, at the top of the view.
      const atTop = Math.floor((scrolled * scale) / FRAME_ROW_HEIGHT)
      const first = rows.find((row) => row.index === atTop)
      expect(first, `scrolled to ${scrolled}`).toBeDefined()
      expect(Math.abs((first as { y: number }).y - (scrolled - ((scrolled * scale) % FRAME_ROW_HEIGHT)))).toBeLessThan(1e-6)
      // One row height apart, in order, near the view (never millions of px away).
      rows.forEach((row, i) => {
        if (i > 0) expect(row.y - rows[i - 1].y).toBeCloseTo(FRAME_ROW_HEIGHT, 6)
        expect(Math.abs(row.y - scrolled)).toBeLessThan(440 + 30 * FRAME_ROW_HEIGHT)
      })
    }
    // The bottom of the scrollbar shows the last row, at the bottom of the view.
    const last = drawn().find((row) => row.index === count - 1)
    expect(last?.y).toBeCloseTo(MAX_CONTENT_PX - FRAME_ROW_HEIGHT, 6)
  })

  it('refills the same row nodes however far the list moves: a jump, the tail of a flood, one row', () => {
    const { rerender } = render(<FrameList rows={manyRows(100_000)} selectedSeq={null} followTail={false} onSelect={() => {}} onFollowTailChange={() => {}} />)
    const list = screen.getByTestId('frame-list')
    const nodes = (): Set<HTMLElement> => new Set(screen.getAllByTestId('frame-row'))
    const seqs = (): number[] => screen.getAllByTestId('frame-row').map((row) => Number(row.dataset.seq))
    const scrollTo = (px: number): void =>
      act(() => {
        list.scrollTop = px
        fireEvent.scroll(list)
      })
    scrollTo(10_000 * FRAME_ROW_HEIGHT)
    const before = nodes()
    expect(before.size).toBe(20 + 2 * 12 + 1)
    // Jumps by amounts that are no multiple of anything: 12 345 rows on, then 777 rows back.
    for (const row of [22_345, 21_568.5, 21_569.5, 99_995]) {
      scrollTo(row * FRAME_ROW_HEIGHT)
      const after = nodes()
      expect([...after].filter((node) => !before.has(node)), `at row ${row}`).toEqual([])
      // Every row in the window is shown once, in order, in those nodes.
      const shown = seqs()
      expect(shown[0]).toBeLessThanOrEqual(Math.floor(row))
      shown.forEach((seq, i) => i > 0 && expect(seq).toBe(shown[i - 1] + 1))
      expect(shown.at(-1)).toBeGreaterThanOrEqual(Math.min(99_999, Math.ceil(row) + 19))
    }
    // One row down: only the node of the row that came into view gets another row.
    scrollTo(50_000.5 * FRAME_ROW_HEIGHT)
    const seqOf = new Map([...nodes()].map((node) => [node, node.dataset.seq]))
    scrollTo(50_001.5 * FRAME_ROW_HEIGHT)
    expect([...nodes()].filter((node) => seqOf.get(node) !== node.dataset.seq).map((node) => Number(node.dataset.seq))).toEqual([50_001 + 20 + 12])
    // Following a flood's tail: 700 more rows between two renders.
    rerender(<FrameList rows={manyRows(100_000)} selectedSeq={null} followTail onSelect={() => {}} onFollowTailChange={() => {}} />)
    const atTail = nodes()
    rerender(<FrameList rows={manyRows(100_700)} selectedSeq={null} followTail onSelect={() => {}} onFollowTailChange={() => {}} />)
    expect(seqs().at(-1)).toBe(100_699)
    expect([...nodes()].filter((node) => !atTail.has(node))).toEqual([])
  })

  it('turns follow-tail off when the user scrolls up', () => {
    const onFollow = vi.fn()
    render(<FrameList rows={manyRows(1_000)} selectedSeq={null} followTail onSelect={() => {}} onFollowTailChange={onFollow} />)
    const list = screen.getByTestId('frame-list')
    Object.defineProperty(list, 'scrollHeight', { configurable: true, value: 1_000 * FRAME_ROW_HEIGHT })
    Object.defineProperty(list, 'clientHeight', { configurable: true, value: 440 })
    act(() => {
      list.scrollTop = 100
      fireEvent.scroll(list)
    })
    expect(onFollow).toHaveBeenLastCalledWith(false)
  })

  it('turns follow-tail back on when the user scrolls to the end', () => {
    const onFollow = vi.fn()
    render(<FrameList rows={manyRows(1_000)} selectedSeq={null} followTail={false} onSelect={() => {}} onFollowTailChange={onFollow} />)
    const list = screen.getByTestId('frame-list')
    Object.defineProperty(list, 'scrollHeight', { configurable: true, value: 1_000 * FRAME_ROW_HEIGHT })
    Object.defineProperty(list, 'clientHeight', { configurable: true, value: 440 })
    act(() => {
      list.scrollTop = 1_000 * FRAME_ROW_HEIGHT - 440
      fireEvent.scroll(list)
    })
    expect(onFollow).toHaveBeenLastCalledWith(true)
  })
})
