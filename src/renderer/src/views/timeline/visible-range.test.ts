import { describe, expect, it } from 'vitest'
import { visibleSlice, withMargin } from './visible-range'

const markers = Array.from({ length: 10_000 }, (_, i) => ({ seq: i, t: i * 40 }))
const at = (marker: { t: number }): number => marker.t

describe('visibleSlice', () => {
  it('keeps exactly the markers inside the window, edges included', () => {
    const shown = visibleSlice(markers, { start: 400, end: 520 }, at)
    expect(shown.map((marker) => marker.t)).toEqual([400, 440, 480, 520])
  })

  it('returns the list itself when everything is on screen, and nothing outside it', () => {
    expect(visibleSlice(markers, { start: -1, end: 1e9 }, at)).toBe(markers)
    expect(visibleSlice(markers, { start: 1e9, end: 2e9 }, at)).toEqual([])
    expect(visibleSlice(markers, { start: -500, end: -1 }, at)).toEqual([])
    expect(visibleSlice([], { start: 0, end: 1 }, at)).toEqual([])
  })

  it('keeps a span that only partly overlaps the window (a gap that began before it)', () => {
    const gaps = [
      { start: 0, end: 1500 },
      { start: 3000, end: 5000 },
      { start: 9000, end: 9500 }
    ]
    const shown = visibleSlice(gaps, { start: 1000, end: 3500 }, (gap) => gap.start, (gap) => gap.end)
    expect(shown).toEqual([gaps[0], gaps[1]])
  })

  it('widens a window by pixels of its plot', () => {
    expect(withMargin({ start: 0, end: 1000 }, 500, 10)).toEqual({ start: -20, end: 1020 })
  })
})
