import { describe, expect, it } from 'vitest'
import { Float64List } from './float64-list'

describe('Float64List', () => {
  it('keeps every number in order across its growth, exactly', () => {
    const list = new Float64List()
    const times = Array.from({ length: 5_000 }, (_, i) => (i % 7 === 0 ? i : i / 10 + 1_764_582_000_000.5))
    for (const t of times) list.push(t)
    expect(list.length).toBe(5_000)
    expect(list.at(0)).toBe(times[0])
    expect(list.at(1_023)).toBe(times[1_023])
    expect(list.at(1_024)).toBe(times[1_024])
    expect(list.at(4_999)).toBe(times[4_999])
    expect(list.toArray()).toEqual(times)
  })

  it('starts small and grows from any capacity', () => {
    const list = new Float64List(1)
    expect(list.byteLength).toBe(8)
    for (let i = 0; i < 100; i++) list.push(i * 1.5)
    expect(list.toArray()).toEqual(Array.from({ length: 100 }, (_, i) => i * 1.5))
    expect(new Float64List().byteLength).toBe(16 * 8)
    expect(new Float64List(0).byteLength).toBe(8)
  })

  it('is empty at first', () => {
    expect(new Float64List().length).toBe(0)
    expect(new Float64List().toArray()).toEqual([])
  })
})
