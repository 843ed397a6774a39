/** Query parameter names that carry a token (PROTOCOL.md §2): a URL holding one would store a secret in plain text. */
const SECRET_PARAMS = ['token', 'jwt', 'auth_token', 'access_token', 'ticket', 'key', 'api_key']

/**
 * Why `text` is not an acceptable configured URL of the given schemes, or null when it is.
 * Besides the scheme, a URL must not embed credentials: environments are stored as plain JSON,
 * and secrets belong in the keychain.
 */
export function urlProblem(text: string, schemes: readonly string[]): string | null {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return `is not a valid URL: "${text.length > 80 ? `${text.slice(0, 80)}…` : text}"`
  }
  if (!schemes.includes(url.protocol.replace(/:$/, ''))) return `must start with ${schemes.map((scheme) => `${scheme}://`).join(' or ')}`
  if (!url.hostname) return 'has no host'
  if (url.username || url.password) return 'must not contain a user name or password: store secrets as credentials'
  const secret = SECRET_PARAMS.find((name) => url.searchParams.has(name))
  if (secret) return `must not carry a "${secret}" query parameter: store the token as a credential and pick an auth method`
  return null
}
