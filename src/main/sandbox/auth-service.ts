import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { readJsonBody, sendJson } from './http-json'
import type { SandboxState } from './sandbox-state'
import { mintAccessToken } from './tokens'

const E2E_TOKEN_LIFETIME_SECONDS = 900
const REFRESH_TOKEN_LIFETIME_SECONDS = 7 * 24 * 60 * 60

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** The auth service on its own port: `/health` and the E2E token mint (PROTOCOL.md §1–2). */
export function createAuthHandler(state: SandboxState): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://auth').pathname
    if (path === '/health' || path === '/auth/health') {
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return sendJson(res, 405, { detail: 'Method Not Allowed' })
      return sendJson(res, 200, {
        status: 'healthy',
        service: 'auth-service',
        version: '1.0.0',
        timestamp: new Date().toISOString(),
        database_status: 'connected',
        environment: state.options.environment
      })
    }
    if (path === '/auth/e2e/test-auth') {
      if (req.method !== 'POST') return sendJson(res, 405, { detail: 'Method Not Allowed' })
      void mintE2eToken(state, req, res).catch(() => sendJson(res, 500, { detail: 'Internal Server Error' }))
      return
    }
    sendJson(res, 404, { detail: 'Not Found', path })
  }
}

/** `POST /auth/e2e/test-auth`: a token for a simulated OAuth user, guarded by the simulation key. */
async function mintE2eToken(state: SandboxState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { options } = state
  if (options.environment === 'production') {
    return sendJson(res, 403, { detail: 'E2E test authentication is disabled in production' })
  }
  const key = req.headers['x-e2e-bypass-key']
  if (typeof key !== 'string' || !sameSecret(key, options.simulationKey)) {
    return sendJson(res, 403, { detail: 'Invalid E2E bypass key' })
  }
  const body = await readJsonBody(req)
  if (body === null) return sendJson(res, 422, { detail: 'Body must be a JSON object' })
  const email = typeof body.email === 'string' && body.email.includes('@') ? body.email : null
  if (email === null) return sendJson(res, 422, { detail: 'email is required' })
  const name = typeof body.name === 'string' ? body.name : email.split('@')[0]
  const permissions = Array.isArray(body.permissions)
    ? body.permissions.filter((p): p is string => typeof p === 'string')
    : ['read', 'write']
  const userId = `e2e-${email.split('@')[0]}`
  const accessToken = await mintAccessToken(
    options.jwtSecret,
    options.environment,
    { sub: userId, email, permissions, svc_id: 'netra-auth-e2e' },
    { expiresInSeconds: E2E_TOKEN_LIFETIME_SECONDS }
  )
  const refreshToken = await mintAccessToken(
    options.jwtSecret,
    options.environment,
    { sub: userId, email, permissions, token_type: 'refresh', svc_id: 'netra-auth-e2e' },
    { expiresInSeconds: REFRESH_TOKEN_LIFETIME_SECONDS }
  )
  sendJson(res, 200, {
    access_token: accessToken,
    refresh_token: refreshToken,
    token_type: 'Bearer',
    expires_in: E2E_TOKEN_LIFETIME_SECONDS,
    user: { id: userId, email, name, permissions, simulated_oauth: body.simulate_oauth === true }
  })
}
