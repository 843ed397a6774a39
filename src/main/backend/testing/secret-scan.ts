/** Where a secret was found, and in which encoding. */
export type SecretHit = { where: string; secret: string; form: string }

/**
 * Every encoding a secret travels in: raw, base64url (the `jwt.` subprotocol), standard base64,
 * percent-encoded (query strings), JSON-escaped; and for a JWT its signature segment alone, which
 * catches a token that leaked in pieces.
 */
export function secretForms(name: string, secret: string): Array<{ form: string; text: string }> {
  const forms = [
    { form: `${name} raw`, text: secret },
    { form: `${name} base64url`, text: Buffer.from(secret).toString('base64url') },
    { form: `${name} base64`, text: Buffer.from(secret).toString('base64').replace(/=+$/, '') },
    { form: `${name} percent-encoded`, text: encodeURIComponent(secret) },
    { form: `${name} JSON-escaped`, text: JSON.stringify(secret).slice(1, -1) }
  ]
  const parts = secret.split('.')
  if (parts.length === 3 && parts[2].length >= 16) forms.push({ form: `${name} JWT signature`, text: parts[2] })
  return forms
}

/** Search `haystacks` (name → text) for every form of every secret. */
export function scanForSecrets(secrets: Record<string, string>, haystacks: Array<{ where: string; text: string }>): SecretHit[] {
  const hits: SecretHit[] = []
  for (const [name, secret] of Object.entries(secrets)) {
    for (const { form, text } of secretForms(name, secret)) {
      for (const haystack of haystacks) if (haystack.text.includes(text)) hits.push({ where: haystack.where, secret: name, form })
    }
  }
  return hits
}
