// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest'
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { RowTable } from '../../../shared/session-model'
import { fakeElementSize } from '../test-support/layout'
import { FRAME_ROW_HEIGHT, FrameList } from './FrameList'

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
