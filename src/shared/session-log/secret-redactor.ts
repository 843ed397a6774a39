import { findSecrets, prepareSecret, secretLiterals, secretTriggers, type PreparedSecret, type SecretScope } from './secret-pattern'

const PERCENT_ESCAPE = /%[0-9A-Fa-f]{2}/

/** Marker that replaces a secret wherever it would appear. */
export const REDACTED = '«redacted»'

/** Secrets at least this long are redacted wherever they appear, even inside other text. */
export const REDACT_ANYWHERE_FROM = 8

/** Secrets up to this long (1–2 characters) are redacted only where a credential stands. */
export const CREDENTIAL_POSITION_UP_TO = 2

/**
 * The length rule. Every secret the app knows is redacted, whatever its length:
 * - 8 characters or more: everywhere, also inside other text;
 * - 3–7 characters: as a whole token (not next to a letter or digit), so a short token does not
 *   also shred the words that contain it;
 * - 1–2 characters: only where a credential stands (after `Bearer `, after `jwt.`, as a
 *   `token=`/`ticket=`… query value or a `"token": "…"` JSON value), since as whole tokens they
 *   would still blank out every "a" and "I" of every frame.
 */
export function scopeOf(secret: string): SecretScope {
  if (secret.length >= REDACT_ANYWHERE_FROM) return 'anywhere'
  return secret.length > CREDENTIAL_POSITION_UP_TO ? 'whole-token' : 'credential-position'
}

/**
 * Masks every secret the app knows, in any text that is about to leave main-process memory.
 *
 * Tokens travel in many encodings (raw, base64/base64url inside a `jwt.` subprotocol, percent- or
 * form-encoded in a query string, JSON-escaped in a frame), so each secret is found in all of them
 * (see `secret-pattern.ts`) from one prepared set, rebuilt only when a secret is added. A session works
 * on its own `derive()`d redactor: the backend's secrets plus the session's token and ticket, so no
 * set grows with the number of sessions.
 */
export class SecretRedactor {
  private readonly secrets: string[] = []
  /** Plain forms and escape sequences of every secret: the exact pre-filter. */
  private readonly literals: string[] = []
  private prepared: PreparedSecret[] | null = null
  private shortest = Infinity

  constructor(secrets: Iterable<string> = []) {
    for (const secret of secrets) this.add(secret)
  }

  /** Register a secret (and its trimmed form, if it carries whitespace). Empty values are ignored. */
  add(secret: string | null | undefined): void {
    if (!secret) return
    for (const form of new Set([secret, secret.trim()])) {
      if (!form || this.secrets.includes(form)) continue
      this.secrets.push(form)
      for (const literal of [...secretLiterals(form), ...secretTriggers(form)]) if (!this.literals.includes(literal)) this.literals.push(literal)
      this.shortest = Math.min(this.shortest, form.length)
      this.prepared = null
    }
  }

  /** A new redactor that knows every secret of this one (and then its own). */
  derive(): SecretRedactor {
    return new SecretRedactor(this.secrets)
  }

  /** How many secrets are registered (for tests and diagnostics). */
  get size(): number {
    return this.secrets.length
  }

  private compiled(): PreparedSecret[] {
    this.prepared ??= this.secrets.map((secret) => prepareSecret(secret, scopeOf(secret)))
    return this.prepared
  }

  /** Replace every registered secret, in every encoding, with the redaction marker. */
  redact(text: string): string {
    // No encoding of a secret is shorter than the secret itself.
    if (this.secrets.length === 0 || text.length < this.shortest) return text
    // Cheap pre-filter, exact: a text holding none of the plain forms and none of the escapes they need holds no secret.
    if (!this.literals.some((literal) => text.includes(literal)) && !(text.includes('%') && PERCENT_ESCAPE.test(text))) return text
    const spans = findSecrets(text, this.compiled())
    if (spans.length === 0) return text
    let result = ''
    let from = 0
    for (const [start, end] of spans) {
      result += text.slice(from, start) + REDACTED
      from = end
    }
    return result + text.slice(from)
  }

  /** Redact every value of a header map. */
  redactHeaders(headers: Record<string, string>): Record<string, string> {
    return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, this.redact(value)]))
  }
}
