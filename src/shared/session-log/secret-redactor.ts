/** Marker that replaces a secret wherever it would appear. */
export const REDACTED = '«redacted»'

function base64Url(text: string): string {
  const bytes = new TextEncoder().encode(text)
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/**
 * Masks every secret the app knows, in any text that is about to leave main-process memory.
 *
 * Tokens travel in several encodings (raw, base64url inside a `jwt.` subprotocol,
 * percent-encoded in a query string), so each secret is registered with all of its forms.
 */
export class SecretRedactor {
  private readonly forms = new Set<string>()

  /** Register a secret; forms shorter than 8 characters are ignored (they would mask ordinary text). */
  add(secret: string | null | undefined): void {
    if (!secret || secret.length < 8) return
    for (const form of [secret, base64Url(secret), encodeURIComponent(secret)]) this.forms.add(form)
  }

  /** How many encoded forms are registered (for tests and diagnostics). */
  get size(): number {
    return this.forms.size
  }

  /** Replace every registered form in `text` with the redaction marker. */
  redact(text: string): string {
    if (this.forms.size === 0 || text.length < 8) return text
    let result = text
    for (const form of this.forms) {
      if (result.includes(form)) result = result.split(form).join(REDACTED)
    }
    return result
  }

  /** Redact every value of a header map. */
  redactHeaders(headers: Record<string, string>): Record<string, string> {
    return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, this.redact(value)]))
  }
}
