/** What the auth service returned: the tokens (secrets, for the main process only) and the lifetime. */
export type MintedTokens = { accessToken: string; refreshToken: string | null; expiresInSeconds: number | null }

/** What minting needs. */
export type MintRequest = {
  authBase: string
  simulationKey: string
  email: string
  name?: string
  timeoutMs?: number
}

/** Minting failed; `status` is the HTTP status when the auth service answered. */
export class MintError extends Error {
  constructor(
    message: string,
    readonly status: number | null
  ) {
    super(message)
    this.name = 'MintError'
  }
}

async function detailOf(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { detail?: unknown; message?: unknown }
    const detail = body.detail ?? body.message
    return typeof detail === 'string' ? detail.slice(0, 200) : ''
  } catch {
    return ''
  }
}

/**
 * Mint an E2E access token: `POST <authBase>/auth/e2e/test-auth` with the simulation key in
 * `X-E2E-Bypass-Key` (PROTOCOL.md §2). Error messages name the URL and status, never a secret.
 */
export async function mintE2eToken(request: MintRequest): Promise<MintedTokens> {
  const url = new URL('/auth/e2e/test-auth', request.authBase).toString()
  let response: Response
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-E2E-Bypass-Key': request.simulationKey },
      body: JSON.stringify({ email: request.email, name: request.name ?? request.email.split('@')[0], permissions: ['read', 'write'], simulate_oauth: true }),
      signal: AbortSignal.timeout(request.timeoutMs ?? 10_000)
    })
  } catch (error) {
    const reason = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error)
    throw new MintError(`could not reach the auth service at ${url}: ${reason}`, null)
  }
  if (!response.ok) {
    const detail = await detailOf(response)
    throw new MintError(`the auth service at ${url} answered HTTP ${response.status}${detail ? `: ${detail}` : ''}`, response.status)
  }
  let body: { access_token?: unknown; refresh_token?: unknown; expires_in?: unknown }
  try {
    body = (await response.json()) as typeof body
  } catch {
    throw new MintError(`the auth service at ${url} answered 200 without a JSON body`, response.status)
  }
  if (typeof body.access_token !== 'string' || !body.access_token)
    throw new MintError(`the auth service at ${url} answered without an access_token`, response.status)
  return {
    accessToken: body.access_token,
    refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : null,
    expiresInSeconds: typeof body.expires_in === 'number' ? body.expires_in : null
  }
}
