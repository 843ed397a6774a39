// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest'
import type { AddressInfo } from 'node:net'
import { WebSocket as NodeWebSocket, WebSocketServer, type WebSocket as ServerSocket } from 'ws'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ContractError } from '../../../shared/api/contract'
import type { HostStatus } from './host-status'
import { createWebSocketClient, type WebSocketClient } from './web-socket-client'

type Frame = { id: number; method: string; params: unknown }

// A real loopback server speaking the web host's wire format; `answer` decides each reply.
async function startServer(answer: (frame: Frame, socket: ServerSocket) => void) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const sockets: ServerSocket[] = []
  server.on('connection', (socket) => {
    sockets.push(socket)
    socket.on('message', (data) => answer(JSON.parse(String(data)) as Frame, socket))
  })
  const port = (server.address() as AddressInfo).port
  return { server, sockets, url: `ws://127.0.0.1:${port}/api?token=t` }
}

// jsdom's WebSocket cannot run under vitest's jsdom globals; ws's client speaks the same
// onopen/onmessage/onclose interface over a real socket, which is what is under test here.
const RealSocket = NodeWebSocket as unknown as typeof WebSocket

const cleanups: (() => void | Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function track(client: WebSocketClient, server: WebSocketServer): void {
  cleanups.push(
    () => new Promise<void>((resolve) => server.close(() => resolve())),
    () => client.dispose()
  )
}

describe('web socket client (real loopback socket)', () => {
  it('queues calls until open and correlates replies by id', async () => {
    const { server, url } = await startServer((frame, socket) => {
      if (frame.method === 'app.info') socket.send(JSON.stringify({ id: frame.id, result: { name: 'netra', params: frame.params } }))
      else socket.send(JSON.stringify({ id: frame.id, error: { code: 'invalid-request', message: 'bad request' } }))
    })
    const client = createWebSocketClient({ url, WebSocketImpl: RealSocket })
    track(client, server)
    // Both calls are made before the socket is open.
    const ok = client.call('app.info', {})
    const bad = client.call('environments.list', {})
    await expect(ok).resolves.toEqual({ name: 'netra', params: {} })
    const error = await bad.catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ContractError)
    expect(error).toMatchObject({ code: 'invalid-request', message: 'bad request' })
  })

  it('dispatches pushed events to their listeners only', async () => {
    const { server, sockets, url } = await startServer(() => {})
    const client = createWebSocketClient({ url, WebSocketImpl: RealSocket })
    track(client, server)
    const records = vi.fn()
    const sessions = vi.fn()
    client.on('session.records', records)
    const off = client.on('sessions.changed', sessions)
    off()
    await vi.waitFor(() => expect(client.status().state).toBe('open'))
    sockets[0].send(JSON.stringify({ event: 'session.records', payload: { sessionId: 's1', records: [] } }))
    sockets[0].send(JSON.stringify({ event: 'sessions.changed', payload: { sessions: [] } }))
    await vi.waitFor(() => expect(records).toHaveBeenCalledWith({ sessionId: 's1', records: [] }))
    expect(sessions).not.toHaveBeenCalled()
  })

  it('rejects calls in flight when the socket closes, then reconnects', async () => {
    const { server, sockets, url } = await startServer(() => {
      // Never answers: the close must settle the call.
    })
    const client = createWebSocketClient({ url, WebSocketImpl: RealSocket, backoff: { initialMs: 20, maxMs: 50 } })
    track(client, server)
    const statuses: HostStatus['state'][] = []
    client.onStatus((status) => statuses.push(status.state))

    const pending = client.call('session.list', {})
    await vi.waitFor(() => expect(sockets).toHaveLength(1))
    sockets[0].close(1013, 'client too slow')
    await expect(pending).rejects.toThrow(/session\.list: the connection to the Netra host closed .*1013/)

    await vi.waitFor(() => expect(sockets).toHaveLength(2))
    await vi.waitFor(() => expect(client.status()).toMatchObject({ state: 'open', attempt: 0, everOpened: true }))
    expect(statuses).toEqual(['open', 'disconnected', 'connecting', 'open'])
  })

  it('refuses calls while disconnected instead of hanging', async () => {
    const { server, url } = await startServer(() => {})
    const client = createWebSocketClient({ url, WebSocketImpl: RealSocket, backoff: { initialMs: 60_000, maxMs: 60_000 } })
    track(client, server)
    await vi.waitFor(() => expect(client.status().state).toBe('open'))
    for (const socket of server.clients) socket.terminate()
    await vi.waitFor(() => expect(client.status().state).toBe('disconnected'))
    await expect(client.call('session.list', {})).rejects.toThrow(/disconnected/)
  })
})
