import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

/** The colour tokens of styles.css: name → [light, dark] (a token without light-dark() is the same in both). */
function tokens(): Map<string, [string, string]> {
  const css = readFileSync(join(__dirname, 'styles.css'), 'utf8')
  const root = css.slice(css.indexOf(':root {'), css.indexOf('}', css.indexOf(':root {')))
  const found = new Map<string, [string, string]>()
  for (const [, name, value] of root.matchAll(/^\s+--([a-z0-9-]+):\s*([^;]+);/gm)) {
    const pair = /^light-dark\((#[0-9a-f]{6}|rgba?\([^)]*\)),\s*(#[0-9a-f]{6}|rgba?\([^)]*\))\)$/i.exec(value)
    found.set(name, pair ? [pair[1], pair[2]] : [value, value])
  }
  return found
}

function luminance(hex: string): number {
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

/** WCAG 2 contrast ratio of two opaque colours. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}

const SURFACES = ['bg-0', 'bg-1', 'bg-2', 'bg-3', 'bg-selected']
/** Tokens used for text that must be read (text-3 is for decoration and disabled marks only). */
const TEXT = ['text-0', 'text-1', 'text-2', 'accent', 'ok', 'warn', 'bad', 'teal', 'dir-in', 'dir-out', 'dir-local', 'syn-key', 'syn-string', 'syn-number', 'syn-boolean']

describe('colour tokens', () => {
  const all = tokens()

  it('every colour token names both themes and none refers to itself (a cycle makes it invalid in both)', () => {
    for (const [name, [light, dark]] of all) {
      expect(light, name).not.toContain(`var(--${name})`)
      expect(dark, name).not.toContain(`var(--${name})`)
    }
    for (const name of [...SURFACES, ...TEXT]) expect(all.get(name)?.[0], name).toMatch(/^#[0-9a-f]{6}$/i)
  })

  for (const [theme, side] of [
    ['light', 0],
    ['dark', 1]
  ] as const) {
    it(`in the ${theme} theme every text token meets WCAG AA (4.5:1) on every surface`, () => {
      const failures: string[] = []
      for (const text of TEXT)
        for (const surface of SURFACES) {
          const ratio = contrast(all.get(text)?.[side] as string, all.get(surface)?.[side] as string)
          if (ratio < 4.5) failures.push(`${text} on ${surface}: ${ratio.toFixed(2)}`)
        }
      expect(failures).toEqual([])
    })
  }
})
