import { request as httpRequest } from 'node:http'
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { RENDERER_CSP } from './content-security-policy'
import { UNATTRIBUTED_FRAME_ID } from './contract-socket'
import { RENDERER_NOT_BUILT } from './static-files'
import { createFakeBackend, type FakeBackend } from './testing/fake-backend'
import { awaitServerClose, rawUpgrade } from './testing/raw-ws-client'
import { MAX_CONTRACT_MESSAGE_BYTES, startWebHost, type WebHost } from './web-host'

const SECRET = 'TOP-SECRET-OUTSIDE-THE-RENDERER'
const INDEX_HTML =
  '<!doctype html><html><body><div id="root"></div><script type="module" src="./assets/app.js"></script></body></html>'

let root: string
let rendererDir: string
let backend: FakeBackend
let host: WebHost | undefined
const sockets: WebSocket[] = []

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'netra-web-host-'))
  rendererDir = join(root, 'renderer')
  await mkdir(join(rendererDir, 'assets'), { recursive: true })
  await writeFile(join(rendererDir, 'index.html'), INDEX_HTML)
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log("app")\n')
  await writeFile(join(rendererDir, 'assets', 'style.css'), 'body{margin:0}\n')
  // Files beside the renderer that a traversal would reach.
  await writeFile(join(root, 'package.json'), JSON.stringify({ secret: SECRET }))
  await writeFile(join(root, 'secret.txt'), SECRET)
  backend = createFakeBackend()
})

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate()
  await host?.close()
  host = undefined
  await rm(root, { recursive: true, force: true })
})

const logLines: string[] = []
async function start(dir = rendererDir): Promise<WebHost> {
  logLines.length = 0
  host = await startWebHost({ backend, rendererDir: dir, port: 0, log: (line) => logLines.push(line) })
  return host
}

function socketUrl(h: WebHost, query = `?token=${h.token}`, path = '/api'): string {
  return `ws://127.0.0.1:${h.port}${path}${query}`
}

/** Open a socket; resolves when open, rejects with the HTTP status of a refused upgrade. */
function connect(url: string, origin?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, origin === undefined ? {} : { origin })
    sockets.push(socket)
    socket.once('open', () => resolve(socket))
    socket.once('unexpected-response', (_req, res) =>
      reject(Object.assign(new Error('refused'), { status: res.statusCode }))
    )
    socket.once('error', reject)
  })
}

async function refusalStatus(url: string, origin?: string): Promise<number> {
  try {
    await connect(url, origin)
  } catch (error) {
    return (error as { status?: number }).status ?? -1
  }
  return 101
}

/** Collect parsed frames as they arrive. */
function frames(socket: WebSocket): { next(): Promise<Record<string, unknown>> } {
  const queue: Record<string, unknown>[] = []
  const waiters: Array<(frame: Record<string, unknown>) => void> = []
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as Record<string, unknown>
    const waiter = waiters.shift()
    if (waiter) waiter(frame)
    else queue.push(frame)
  })
  return {
    next: () => {
      const queued = queue.shift()
      return queued ? Promise.resolve(queued) : new Promise((resolve) => waiters.push(resolve))
    }
  }
}

/** A raw HTTP GET that does not normalise the path (fetch would resolve `..` away). */
function rawGet(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET'
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('web host: contract socket', () => {
  it('binds loopback and hands out a URL carrying a 256-bit base64url token', async () => {
    const h = await start()
    expect(h.url).toBe(`http://127.0.0.1:${h.port}/?token=${h.token}`)
    expect(h.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const other = await startWebHost({ backend, rendererDir, port: 0 })
    expect(other.token).not.toBe(h.token)
    await other.close()
  })

  it('fails clearly when the port is taken, leaving no subscription behind', async () => {
    const h = await start()
    await expect(startWebHost({ backend, rendererDir, port: h.port })).rejects.toThrow(
      `web host could not listen on 127.0.0.1:${h.port}`
    )
    expect(backend.listenerCount()).toBe(1)
  })

  it('accepts the token from our own origin: a call works and a pushed event arrives', async () => {
    const h = await start()
    const socket = await connect(socketUrl(h), `http://127.0.0.1:${h.port}`)
    const inbox = frames(socket)

    socket.send(JSON.stringify({ id: 1, method: 'app.info', params: {} }))
    expect(await inbox.next()).toEqual({
      id: 1,
      result: { name: 'netra-diagnostics', version: '0.0.0-test', host: 'web', platform: process.platform }
    })

    backend.emit('sessions.changed', { sessions: [] })
    expect(await inbox.next()).toEqual({ event: 'sessions.changed', payload: { sessions: [] } })
  })

  it('accepts the localhost spelling of our origin too', async () => {
    const h = await start()
    const socket = await connect(socketUrl(h), `http://localhost:${h.port}`)
    expect(socket.readyState).toBe(WebSocket.OPEN)
  })

  it('pushes events to every connected client', async () => {
    const h = await start()
    const inboxes = await Promise.all(
      [1, 2].map(async () => frames(await connect(socketUrl(h), `http://127.0.0.1:${h.port}`)))
    )
    backend.emit('session.records', { sessionId: 's1', records: [] })
    for (const inbox of inboxes) {
      expect(await inbox.next()).toEqual({
        event: 'session.records',
        payload: { sessionId: 's1', records: [] }
      })
    }
  })

  it('refuses an upgrade without a token with 403', async () => {
    const h = await start()
    expect(await refusalStatus(socketUrl(h, ''), `http://127.0.0.1:${h.port}`)).toBe(403)
  })

  it('refuses a wrong token with 403 (same length and other lengths)', async () => {
    const h = await start()
    const origin = `http://127.0.0.1:${h.port}`
    const sameLength = (h.token[0] === 'A' ? 'B' : 'A') + h.token.slice(1)
    expect(await refusalStatus(socketUrl(h, `?token=${sameLength}`), origin)).toBe(403)
    expect(await refusalStatus(socketUrl(h, '?token=short'), origin)).toBe(403)
    expect(await refusalStatus(socketUrl(h, `?token=${h.token}x`), origin)).toBe(403)
  })

  it('refuses a foreign origin with 403, even with the right token', async () => {
    const h = await start()
    expect(await refusalStatus(socketUrl(h), 'http://evil.example')).toBe(403)
    expect(await refusalStatus(socketUrl(h), `http://127.0.0.1:${h.port + 1}`)).toBe(403)
    expect(await refusalStatus(socketUrl(h), `https://127.0.0.1:${h.port}`)).toBe(403)
  })

  it('refuses a missing origin with 403', async () => {
    const h = await start()
    expect(await refusalStatus(socketUrl(h))).toBe(403)
  })

  it('refuses an upgrade on any other path with 403', async () => {
    const h = await start()
    expect(
      await refusalStatus(socketUrl(h, `?token=${h.token}`, '/other'), `http://127.0.0.1:${h.port}`)
    ).toBe(403)
  })

  it.each([
    ['a rebinding name', (port: number) => `evil.example:${port}`],
    ['our address on another port', (port: number) => `127.0.0.1:${port + 1}`],
    ['no port', () => 'localhost'],
    ['an empty Host', () => '']
  ])('refuses an upgrade whose Host is %s with 403 and no socket (DNS rebinding)', async (_label, hostHeader) => {
    const h = await start()
    const connection = await rawUpgrade({
      port: h.port,
      path: `/api?token=${h.token}`,
      host: hostHeader(h.port),
      origin: `http://127.0.0.1:${h.port}`
    })
    expect(connection.status).toBe(403)
    // The host hangs up after the refusal: no frame ever comes, the TCP connection ends.
    expect(await awaitServerClose(connection)).toBeNull()
    expect(backend.listenerCount()).toBe(1)
  })

  it('accepts an upgrade under each of our own Host names', async () => {
    const h = await start()
    for (const name of ['127.0.0.1', 'localhost', '[::1]']) {
      const connection = await rawUpgrade({
        port: h.port,
        path: `/api?token=${h.token}`,
        host: `${name}:${h.port}`,
        origin: `http://${name}:${h.port}`
      })
      expect(connection.status).toBe(101)
      connection.socket.destroy()
    }
  })

  it('refuses an unparsable request target on the upgrade instead of throwing', async () => {
    const h = await start()
    const connection = await rawUpgrade({ port: h.port, path: 'http://[', origin: `http://127.0.0.1:${h.port}` })
    expect(connection.status).toBe(403)
    connection.socket.destroy()
    expect((await rawGet(h.port, '/')).status).toBe(200)
  })

  it('accepts the largest legitimate call (a 1 Mi-unit message, fully escaped) and closes a bigger frame with 1009', async () => {
    const h = await start()
    const socket = await connect(socketUrl(h), `http://127.0.0.1:${h.port}`)
    const inbox = frames(socket)
    // Every unit of this text JSON-escapes to 6 bytes: the worst case the maxPayload was chosen from.
    const text = '\u0001'.repeat(1_048_576)
    const call = JSON.stringify({ id: 3, method: 'session.send', params: { sessionId: 's1', text, mode: 'raw' } })
    expect(Buffer.byteLength(call)).toBeGreaterThan(6 * 1024 * 1024)
    expect(Buffer.byteLength(call)).toBeLessThanOrEqual(MAX_CONTRACT_MESSAGE_BYTES)
    socket.send(call)
    expect(await inbox.next()).toEqual({ id: 3, result: { seq: 7 } })

    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)))
    socket.on('error', () => undefined)
    socket.send(Buffer.alloc(MAX_CONTRACT_MESSAGE_BYTES + 1, 0x20), { binary: false })
    expect(await closed).toBe(1009)
    expect(logLines).toHaveLength(1)
    expect(logLines[0]).toMatch(/WS_ERR_UNSUPPORTED_MESSAGE_LENGTH, closed with 1009/)
    // The host itself is fine.
    const again = await connect(socketUrl(h), `http://127.0.0.1:${h.port}`)
    expect(again.readyState).toBe(WebSocket.OPEN)
  })

  it('answers a 4 MB method name and a non-string method briefly, without echoing them (issue 9)', async () => {
    const h = await start()
    const socket = await connect(socketUrl(h), `http://127.0.0.1:${h.port}`)
    const inbox = frames(socket)
    const replies: string[] = []
    socket.on('message', (data) => replies.push(String(data)))
    socket.send(JSON.stringify({ id: 1, method: 'm'.repeat(4 * 1024 * 1024), params: {} }))
    expect(await inbox.next()).toMatchObject({ id: 1, error: { code: 'unknown-method' } })
    socket.send(JSON.stringify({ id: 2, method: { toString: 'not callable' }, params: {} }))
    expect(await inbox.next()).toEqual({
      id: 2,
      error: { code: 'unknown-method', message: 'unknown method: expected a method name (a string), got an object' }
    })
    expect(Math.max(...replies.map((reply) => reply.length))).toBeLessThan(400)
  })

  it('answers invalid params with an error frame carrying the schema message', async () => {
    const h = await start()
    const socket = await connect(socketUrl(h), `http://127.0.0.1:${h.port}`)
    const inbox = frames(socket)
    socket.send(
      JSON.stringify({ id: 5, method: 'session.send', params: { sessionId: 's1', text: '', mode: 'raw' } })
    )
    expect(await inbox.next()).toEqual({
      id: 5,
      error: { code: 'invalid-request', message: 'session.send: text: message text is empty' }
    })
    expect(backend.calls).toEqual([])
  })

  it('answers malformed frames with error frames and keeps the connection up', async () => {
    const h = await start()
    const socket = await connect(socketUrl(h), `http://127.0.0.1:${h.port}`)
    const inbox = frames(socket)

    socket.send('{not json')
    expect(await inbox.next()).toMatchObject({
      id: UNATTRIBUTED_FRAME_ID,
      error: { code: 'invalid-request' }
    })
    socket.send(JSON.stringify({ method: 'app.info', params: {} }))
    expect(await inbox.next()).toEqual({
      id: UNATTRIBUTED_FRAME_ID,
      error: { code: 'invalid-request', message: 'malformed frame: missing numeric id' }
    })
    socket.send(JSON.stringify({ id: 8, method: 'nope', params: {} }))
    expect(await inbox.next()).toEqual({
      id: 8,
      error: { code: 'unknown-method', message: 'unknown method: nope' }
    })
    socket.send(
      JSON.stringify({ id: 9, method: 'session.records', params: { sessionId: 'missing', fromSeq: 0 } })
    )
    expect(await inbox.next()).toEqual({ id: 9, error: { code: 'not-found', message: 'no session missing' } })

    socket.send(JSON.stringify({ id: 10, method: 'session.connect', params: { environmentId: 'sandbox' } }))
    expect(await inbox.next()).toEqual({ id: 10, result: { sessionId: 'session-for-sandbox' } })
    expect(socket.readyState).toBe(WebSocket.OPEN)
  })

  it('unsubscribes from the backend and closes clients with 1001 when the host closes', async () => {
    const h = await start()
    const socket = await connect(socketUrl(h), `http://127.0.0.1:${h.port}`)
    expect(backend.listenerCount()).toBe(1)
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)))
    await h.close()
    host = undefined
    expect(backend.listenerCount()).toBe(0)
    expect(await closed).toBe(1001)
    await expect(h.close()).resolves.toBeUndefined()
  })
})

describe('web host: static renderer', () => {
  it('serves index.html at / with the security headers', async () => {
    const h = await start()
    const res = await rawGet(h.port, `/?token=${h.token}`)
    expect(res.status).toBe(200)
    expect(res.body).toBe(INDEX_HTML)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(res.headers['content-security-policy']).toBe(RENDERER_CSP)
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['referrer-policy']).toBe('no-referrer')
  })

  it('serves assets with their content types', async () => {
    const h = await start()
    const js = await rawGet(h.port, '/assets/app.js')
    expect(js.status).toBe(200)
    expect(js.body).toBe('console.log("app")\n')
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(js.headers['x-content-type-options']).toBe('nosniff')
    const css = await rawGet(h.port, '/assets/style.css')
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8')
    const head = await rawGet(h.port, '/assets/app.js', {}, 'HEAD')
    expect(head.status).toBe(200)
    expect(head.body).toBe('')
  })

  it('falls back to index.html for client routes but 404s a missing asset', async () => {
    const h = await start()
    const route = await rawGet(h.port, '/sessions/abc')
    expect(route.status).toBe(200)
    expect(route.body).toBe(INDEX_HTML)
    expect((await rawGet(h.port, '/assets/missing.js')).status).toBe(404)
  })

  it.each([
    '/../package.json',
    '/%2e%2e/package.json',
    '/..%2fpackage.json',
    '/assets/..%2F..%2Fsecret.txt',
    '/%2E%2E%2F%2E%2E%2Fsecret.txt',
    '/assets/..\\..\\secret.txt',
    '/assets/%5c..%5c..%5csecret.txt'
  ])('refuses traversal %s', async (path) => {
    const h = await start()
    const res = await rawGet(h.port, path)
    expect([400, 403]).toContain(res.status)
    expect(res.body).not.toContain(SECRET)
  })

  it('refuses a symlink inside the renderer that points outside it', async () => {
    await symlink(join(root, 'secret.txt'), join(rendererDir, 'assets', 'linked.txt'))
    const h = await start()
    const res = await rawGet(h.port, '/assets/linked.txt')
    expect(res.status).toBe(403)
    expect(res.body).not.toContain(SECRET)
  })

  it('refuses a malformed percent-encoding and non-GET methods', async () => {
    const h = await start()
    expect((await rawGet(h.port, '/%E0%A4%A')).status).toBe(400)
    const post = await rawGet(h.port, '/', {}, 'POST')
    expect(post.status).toBe(405)
    expect(post.headers.allow).toBe('GET, HEAD')
  })

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const h = await start()
    const res = await rawGet(h.port, '/', { Host: `evil.example:${h.port}` })
    expect(res.status).toBe(403)
    expect(res.body).not.toContain('<div id="root">')
    expect((await rawGet(h.port, '/', { Host: `localhost:${h.port}` })).status).toBe(200)
  })

  it('answers 503 with a clear text while the renderer is not built', async () => {
    const h = await start(join(root, 'not-built'))
    const res = await rawGet(h.port, '/')
    expect(res.status).toBe(503)
    expect(res.body.trim()).toBe(RENDERER_NOT_BUILT)
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8')
  })
})
