/**
 * Counts and sizes for people.
 *
 * Digits are grouped with a narrow no-break space (U+202F): unambiguous in every locale, unlike `,` or
 * `.`, and — unlike a plain space — never broken across lines or read as two numbers.
 */

/** The group separator: U+202F NARROW NO-BREAK SPACE. */
export const GROUP_SEPARATOR = '\u202f'

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, GROUP_SEPARATOR)
}

/** An integer count with grouped digits: `100 000` (narrow no-break space). */
export function formatCount(value: number): string {
  if (!Number.isFinite(value)) return String(value)
  const sign = value < 0 ? '-' : ''
  return sign + group(String(Math.trunc(Math.abs(value))))
}

/** A byte size: `812 B`, `3.4 KB`, `12.0 MB` (binary multiples, as the wire counts them). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${formatCount(bytes)} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  const [whole, fraction] = (bytes / (1024 * 1024)).toFixed(1).split('.')
  return `${group(whole)}.${fraction} MB`
}
