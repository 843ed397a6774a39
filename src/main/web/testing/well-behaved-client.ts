import WebSocket from 'ws'
import { WEB_API_PATH, WEB_TOKEN_PARAM } from '../../../shared/api/web-wire'
import { RAW_WAIT_MS } from './raw-ws-client'

/** A connected, well-behaved contract client (the `ws` library, our own Origin and the token). */
export type WellBehavedClient = {
  socket: WebSocket
  /** Call `app.info` and resolve with the reply frame. */
  appInfo(): Promise<Record<string, unknown>>
  close(): void
}

/** Connect a well-behaved client to a web host on `port`; rejects (bounded) if the host does not accept it. */
export function connectWellBehaved(port: number, token: string): Promise<WellBehavedClient> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}${WEB_API_PATH}?${WEB_TOKEN_PARAM}=${token}`, {
    origin: `http://127.0.0.1:${port}`
  })
  let nextId = 1
  const waiting = new Map<number, (frame: Record<string, unknown>) => void>()
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as Record<string, unknown>
    if (typeof frame.id === 'number') waiting.get(frame.id)?.(frame)
  })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.terminate()
      reject(new Error('well-behaved client could not connect in time'))
    }, RAW_WAIT_MS)
    socket.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    socket.once('open', () => {
      clearTimeout(timer)
      socket.on('error', () => undefined)
      resolve({
        socket,
        close: () => socket.close(),
        appInfo: () =>
          new Promise((answer, fail) => {
            const id = nextId++
            const wait = setTimeout(() => fail(new Error('app.info not answered in time')), RAW_WAIT_MS)
            waiting.set(id, (frame) => {
              clearTimeout(wait)
              waiting.delete(id)
              answer(frame)
            })
            socket.send(JSON.stringify({ id, method: 'app.info', params: {} }))
          })
      })
    })
  })
}
