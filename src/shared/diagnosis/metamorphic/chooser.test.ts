import { describe, expect, it } from 'vitest'
import { createChooser } from './chooser'

describe('createChooser', () => {
  it('replays the same choices from the same seed, and other choices from another', () => {
    const draw = (seed: number): number[] => {
      const choose = createChooser(seed)
      return Array.from({ length: 20 }, () => choose.int(1000))
    }
    expect(draw(42)).toEqual(draw(42))
    expect(draw(42)).not.toEqual(draw(43))
  })
  it('stays within bounds and refuses to pick from nothing', () => {
    const choose = createChooser(7)
    for (let i = 0; i < 500; i++) {
      const value = choose.next()
      expect(value).toBeGreaterThanOrEqual(0)
      expect(value).toBeLessThan(1)
      expect(['a', 'b']).toContain(choose.pick(['a', 'b']))
    }
    expect(() => choose.pick([])).toThrow(/empty/)
  })
})
