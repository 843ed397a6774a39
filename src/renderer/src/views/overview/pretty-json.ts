/**
 * Indent JSON text for reading, tolerating text that is not valid JSON. Evidence values are
 * often record bodies cut at a length limit, which `JSON.parse` refuses; this walks the
 * characters instead (minding strings and escapes), so a truncated body still reads as a tree.
 */
export function prettyJson(text: string, indent = '  '): string {
  let out = ''
  let depth = 0
  let inString = false
  let escaped = false
  const newline = (): string => `\n${indent.repeat(Math.max(0, depth))}`
  for (const char of text.trim()) {
    if (inString) {
      out += char
      if (escaped) escaped = false
      else if (char === '\\') escaped = true
      else if (char === '"') inString = false
      continue
    }
    if (char === '"') {
      inString = true
      out += char
    } else if (char === '{' || char === '[') {
      depth += 1
      out += char + newline()
    } else if (char === '}' || char === ']') {
      depth -= 1
      out += newline() + char
    } else if (char === ',') {
      out += char + newline()
    } else if (char === ':') {
      out += ': '
    } else if (!/\s/.test(char)) {
      out += char
    }
  }
  // Empty containers would otherwise open a blank line: `{\n  }` → `{}`.
  return out.replace(/([{[])\n\s*([}\]])/g, '$1$2')
}
