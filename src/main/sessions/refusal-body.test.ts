import { createServer, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { FrameRecord, FrameRecordDraft } from '../../shared/api/frame-record'
import { REDACTED, SecretRedactor } from '../../shared/session-log/secret-redactor'
import { LiveSession } from './live-session'
import { RecordStamper } from './record-stamper'

type Handshake = Extract<FrameRecord, { kind: 'handshake' }>

const servers: Server[] = []
const sockets = new Set<Socket>()
afterEach(async () => {
  for (const socket of sockets) socket.destroy()
  sockets.clear()
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))))
})

/**
 * A raw HTTP server on loopback that answers every WebSocket upgrade by writing `answer`
 * to the socket by hand, so that we control exactly what a refusing server sends (and when it stops).
 */
async function refusingServer(answer: (socket: Socket, headers: Record<string, string | string[] | undefined>) => void): Promise<string> {
  const server = createServer((_req, res) => res.end())
  server.on('upgrade', (req, socket: Socket) => {
    sockets.add(socket)
    socket.on('error', () => undefined)
    answer(socket, req.headers)
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`
}

function head(status: string, headers: Record<string, string | number>): string {
  return `HTTP/1.1 ${status}\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`
}

/** Open one attempt against `url` and collect its records until it has ended. */
async function attempt(url: string, token: string | null = null): Promise<{ records: FrameRecord[]; handshake: Handshake; notes: string[] }> {
  const records: FrameRecord[] = []
  const stamper = new RecordStamper()
  const session = new LiveSession({
    url,
    httpBase: null,
    authMethod: token ? 'header' : 'none',
    token,
    redactor: new SecretRedactor(),
    emit: (draft: FrameRecordDraft) => {
      const record = stamper.stamp(draft)
      records.push(record)
      return record
    },
    elapsed: () => stamper.elapsed()
  })
  await session.open()
  const close = await session.closed
  expect(close).toMatchObject({ code: 1006, initiator: 'none', clean: false })
  const handshakes = records.filter((record): record is Handshake => record.kind === 'handshake')
  // One attempt, one handshake record, whatever the socket did while the body was read.
  expect(handshakes).toHaveLength(1)
  const notes = records.flatMap((record) => (record.kind === 'note' ? [record.text] : []))
  return { records, handshake: handshakes[0], notes }
}

describe('a refused upgrade keeps status, headers and the start of the body', () => {
  it('(a) a JSON readiness refusal: the body says which service is not ready', async () => {
    const body = JSON.stringify({ detail: 'Service not ready: database_postgres' })
    const url = await refusingServer((socket) =>
      socket.end(head('403 Forbidden', { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'X-Request-Id': 'req-7' }) + body)
    )
    const { handshake, notes } = await attempt(url)
    expect(handshake).toMatchObject({ ok: false, status: 403, statusText: 'Forbidden', body })
    expect(handshake.responseHeaders).toMatchObject({ 'content-type': 'application/json', 'x-request-id': 'req-7' })
    expect(JSON.parse(handshake.body ?? '')).toEqual({ detail: 'Service not ready: database_postgres' })
    expect(notes).toEqual([])
  })

  it('(b) a plain-text refusal is kept as text', async () => {
    const body = 'Forbidden: missing or malformed token\n'
    const url = await refusingServer((socket) =>
      socket.end(head('403 Forbidden', { 'Content-Type': 'text/plain', 'Content-Length': body.length }) + body)
    )
    const { handshake } = await attempt(url)
    expect(handshake).toMatchObject({ status: 403, body, responseHeaders: expect.objectContaining({ 'content-type': 'text/plain' }) })
  })

  it('(c) a body that never ends: what came within the time box is kept, and the attempt still ends', async () => {
    const url = await refusingServer((socket) => {
      socket.write(head('403 Forbidden', { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' }))
      socket.write('d\r\nService not r\r\n')
      // …and nothing more, never a last chunk, never a close.
    })
    const { handshake, notes } = await attempt(url)
    expect(handshake).toMatchObject({ status: 403, body: 'Service not r' })
    expect(notes).toEqual(['refusal body still arriving after 2000 ms; kept what came'])
  })

  it('(c′) headers and then silence: an empty body, and the attempt still ends', async () => {
    const url = await refusingServer((socket) => socket.write(head('503 Service Unavailable', { 'Content-Type': 'application/json', 'Content-Length': 500 })))
    const { handshake, notes } = await attempt(url)
    expect(handshake).toMatchObject({ status: 503, body: '' })
    expect(notes).toEqual(['refusal body still arriving after 2000 ms; kept what came'])
  })

  it('(d) a huge body: only its first 4 KiB are kept, and reading stops there', async () => {
    const size = 8 * 1024 * 1024
    let written = 0
    const url = await refusingServer((socket) => {
      socket.write(head('403 Forbidden', { 'Content-Type': 'text/plain', 'Content-Length': size }))
      const chunk = Buffer.alloc(64 * 1024, 'x')
      const pump = (): void => {
        while (written < size && !socket.destroyed) {
          written += chunk.length
          if (!socket.write(chunk)) return void socket.once('drain', pump)
        }
      }
      pump()
    })
    const { handshake, notes } = await attempt(url)
    expect(handshake.status).toBe(403)
    expect(handshake.body).toBe('x'.repeat(4096))
    expect(notes).toEqual(['refusal body kept its first 4096 bytes'])
    // The client hung up long before the server could write everything.
    expect(written).toBeLessThan(size)
  })

  it('(e) no body at all', async () => {
    const url = await refusingServer((socket) => socket.end(head('403 Forbidden', { 'Content-Length': 0 })))
    const { handshake, notes } = await attempt(url)
    expect(handshake).toMatchObject({ status: 403, body: '', error: 'server refused the upgrade: HTTP 403' })
    expect(notes).toEqual([])
  })

  it('redacts the token where a refusal body (or a header) echoes it', async () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEyMyJ9.c2lnbmF0dXJlLXNlY3JldA'
    const url = await refusingServer((socket, headers) => {
      const sent = String(headers.authorization ?? '')
      const body = JSON.stringify({ detail: `Authentication failed: token rejected (${sent})` })
      socket.end(head('403 Forbidden', { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'WWW-Authenticate': sent }) + body)
    })
    const { records, handshake } = await attempt(url, token)
    expect(handshake.body).toContain(`Bearer ${REDACTED}`)
    expect(handshake.responseHeaders['www-authenticate']).toBe(`Bearer ${REDACTED}`)
    expect(JSON.stringify(records)).not.toContain(token)
  })
})
