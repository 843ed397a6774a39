/**
 * A minimal flood server for the benchmark, run as its own process (`node --import tsx
 * bench/flood-server.ts`) so that producing frames never shares a thread with what is measured.
 * Prints `{"port":N}` on stdout once listening. On `{"type":"flood","payload":{"count":N}}` it
 * sends N JSON frames of exactly FRAME_BYTES bytes as fast as backpressure allows, then
 * `{"type":"flood_complete",…}`. Exits when its parent goes away (stdin closes).
 */
import { WebSocketServer, type WebSocket } from 'ws'

/** Bytes of every flood frame, as in the measurements. */
export const FRAME_BYTES = 1010

const BURST = 256

function frame(index: number, total: number): string {
  // Like the sandbox's flood: no run_id, so the frames are bulk output, not events of a run's timeline.
  const head = `{"type":"stream_chunk","data":{"index":${index},"total":${total},"chunk":"`
  const tail = `"},"timestamp":${(1764582000 + index / 1000).toFixed(3)}}`
  return head + 'x'.repeat(Math.max(0, FRAME_BYTES - head.length - tail.length)) + tail
}

async function flood(socket: WebSocket, count: number): Promise<void> {
  let index = 0
  while (index < count && socket.readyState === socket.OPEN) {
    const end = Math.min(count, index + BURST)
    let sent: Promise<void> = Promise.resolve()
    for (; index < end; index++) {
      const text = frame(index, count)
      sent = new Promise((resolve) => socket.send(text, () => resolve()))
    }
    await sent
  }
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ type: 'flood_complete', data: { count } }))
}

if (process.argv[1]?.endsWith('flood-server.ts')) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false, maxPayload: 1024 * 1024 })
  server.on('error', (error) => {
    process.stderr.write(`flood server: ${error.message}\n`)
    process.exit(1)
  })
  server.on('connection', (socket) => {
    socket.on('error', () => socket.terminate())
    socket.on('message', (data) => {
      let message: { type?: string; payload?: { count?: number } }
      try {
        message = JSON.parse(data.toString()) as typeof message
      } catch {
        return
      }
      if (message.type === 'flood') void flood(socket, Math.max(0, Math.min(10_000_000, Number(message.payload?.count ?? 0))))
      else if (message.type === 'close') socket.close(1000, 'done')
    })
  })
  server.on('listening', () => {
    const address = server.address()
    process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`)
  })
  process.stdin.on('end', () => process.exit(0))
  process.stdin.on('error', () => process.exit(0))
  // The bench that started this server is gone (its end of the pipe closed): nothing left to report to.
  process.stdout.on('error', () => process.exit(0))
  process.stdin.resume()
}
