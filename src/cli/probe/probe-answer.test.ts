import { createServer, type Server } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocketServer } from 'ws'
import { createBackend } from '../../main/backend/create-backend'
import { runProbe } from './run-probe'

const cleanups: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url')
const now = Math.floor(Date.now() / 1000)
// A well-formed access token for a server that never checks it.
const TOKEN = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'u-1', iat: now - 10, exp: now + 1800, jti: 'j', iss: 'netra-auth-service', aud: 'netra-platform', token_type: 'access', env: 'development' })}.c2ln`

/** A server that accepts, greets, keeps the connection politely alive with heartbeats, and never answers. */
async function politeSilentServer(): Promise<number> {
  const http: Server = createServer((_req, res) => {
    res.writeHead(404).end()
  })
  const wss = new WebSocketServer({ server: http, handleProtocols: (protocols) => [...protocols][0] ?? false })
  wss.on('connection', (socket) => {
    socket.on('error', () => undefined)
    socket.send(JSON.stringify({ type: 'connection_established', data: { user_id: 'u-1', connection_id: 'c', mode: 'main' } }))
    const timer = setInterval(() => socket.send(JSON.stringify({ type: 'heartbeat', data: {} })), 300)
    socket.on('close', () => clearInterval(timer))
  })
  wss.on('error', () => undefined)
  http.on('error', () => undefined)
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate()
        wss.close()
        http.close(() => resolve())
      })
  )
  const address = http.address()
  return typeof address === 'object' && address ? address.port : 0
}

describe('the probe against a server that accepts the message and never answers', () => {
  it('is failing, on the server, however politely the connection stays open — with its confidence in the JSON', async () => {
    const port = await politeSilentServer()
    const backend = createBackend({ host: 'cli', resolveToken: async () => TOKEN, preflight: null })
    cleanups.push(() => backend.dispose())
    const result = await runProbe(backend, {
      environmentId: 'local',
      message: 'Analyse my cloud costs',
      timeoutMs: 2500,
      target: { wsUrl: `ws://127.0.0.1:${port}/ws`, httpBase: null, authBase: null }
    })
    expect(result.verdict).toBe('failing')
    expect(result.findings[0]).toMatchObject({ component: 'server', code: 'server.no-answer', confidence: 'likely' })
    expect(result.awaiting).toBeNull()
    expect(result.findings.every((finding) => ['certain', 'likely', 'possible'].includes(finding.confidence))).toBe(true)
  }, 30_000)
})
