/** Plain-object test shared by the report readers. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A non-empty string, or a number as text; otherwise null. */
export function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return null
}

/** `total_potential_savings` → "Total potential savings". */
export function labelOf(field: string): string {
  const words = field.replace(/[_-]+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/**
 * Any JSON value as one line a person reads: objects become "label: value" pairs, never braces,
 * because the whole point of the Report tab is that nobody has to read JSON.
 */
export function readable(value: unknown): string {
  if (value === null || value === undefined) return '—'
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  if (typeof value === 'number') return Number.isInteger(value) ? value.toLocaleString('en-US') : String(value)
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return value.map(readable).join('; ')
  if (isObject(value)) {
    return Object.entries(value)
      .map(([key, inner]) => `${labelOf(key)}: ${readable(inner)}`)
      .join(', ')
  }
  return String(value)
}

/** A list-ish value as entries: arrays entry by entry, anything else as one entry. */
export function entries(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(readable).filter((entry) => entry !== '')
  const one = readable(value)
  return one === '' ? [] : [one]
}
