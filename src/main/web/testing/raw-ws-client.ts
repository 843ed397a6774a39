import { connect, type Socket } from 'node:net'
import { randomBytes } from 'node:crypto'

/**
 * A WebSocket client written against the raw TCP socket, for adversarial tests.
 *
 * The `ws` client refuses to send malformed frames; this one sends whatever bytes a test
 * builds, so the host's handling of protocol violations can be exercised on the wire.
 */

/** What the upgrade request claims. */
export type RawUpgradeOptions = {
  port: number
  /** Request target, e.g. `/api?token=…`. */
  path: string
  /** `Host` header; defaults to `127.0.0.1:PORT`. */
  host?: string
  /** `Origin` header; omitted when null. */
  origin?: string | null
}

/** An upgraded (or refused) raw connection. */
export type RawConnection = {
  socket: Socket
  /** HTTP status of the upgrade answer (101 when upgraded). */
  status: number
  /** Bytes received after the HTTP head (the start of the server's frames). */
  rest: Buffer
}

/** Longest a raw client waits for anything before giving up (every wait in these tests is bounded). */
export const RAW_WAIT_MS = 5000

/** Open a TCP connection and send a WebSocket upgrade; resolves with the server's status line. */
export function rawUpgrade(options: RawUpgradeOptions): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: options.port })
    let head = Buffer.alloc(0)
    const timer = setTimeout(() => fail(new Error('upgrade answer not received in time')), RAW_WAIT_MS)
    const fail = (error: Error): void => {
      clearTimeout(timer)
      socket.destroy()
      reject(error)
    }
    socket.on('error', fail)
    socket.on('connect', () => {
      const lines = [
        `GET ${options.path} HTTP/1.1`,
        `Host: ${options.host ?? `127.0.0.1:${options.port}`}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
        'Sec-WebSocket-Version: 13',
        ...(options.origin === null || options.origin === undefined ? [] : [`Origin: ${options.origin}`])
      ]
      socket.write(`${lines.join('\r\n')}\r\n\r\n`)
    })
    const onData = (chunk: Buffer): void => {
      head = Buffer.concat([head, chunk])
      const end = head.indexOf('\r\n\r\n')
      if (end === -1) return
      clearTimeout(timer)
      socket.off('data', onData)
      socket.off('error', fail)
      socket.on('error', () => socket.destroy())
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head.subarray(0, end).toString('latin1'))?.[1] ?? 0)
      resolve({ socket, status, rest: head.subarray(end + 4) })
    }
    socket.on('data', onData)
  })
}

/** The parts of one frame; anything may be set to a value the protocol forbids. */
export type RawFrame = {
  fin?: boolean
  /** RSV1..3 as a 3-bit number. */
  rsv?: number
  opcode: number
  /** Mask the payload (a client must); defaults to true. */
  masked?: boolean
  payload?: Buffer
  /** Length to declare in the header instead of the payload's real length. */
  declaredLength?: number | bigint
}

/** Encode one frame exactly as described, valid or not. */
export function encodeFrame(frame: RawFrame): Buffer {
  const payload = frame.payload ?? Buffer.alloc(0)
  const masked = frame.masked ?? true
  const length = BigInt(frame.declaredLength ?? payload.length)
  const first = ((frame.fin ?? true) ? 0x80 : 0) | (((frame.rsv ?? 0) & 7) << 4) | (frame.opcode & 0x0f)
  let header: Buffer
  if (length < 126n) header = Buffer.from([first, Number(length)])
  else if (length < 65536n) {
    header = Buffer.alloc(4)
    header[0] = first
    header[1] = 126
    header.writeUInt16BE(Number(length), 2)
  } else {
    header = Buffer.alloc(10)
    header[0] = first
    header[1] = 127
    header.writeBigUInt64BE(length, 2)
  }
  if (!masked) return Buffer.concat([header, payload])
  header[1] |= 0x80
  const key = randomBytes(4)
  const body = Buffer.from(payload)
  for (let i = 0; i < body.length; i++) body[i] ^= key[i % 4]
  return Buffer.concat([header, key, body])
}

/** A close frame's payload: the code and an optional reason (raw bytes, so invalid UTF-8 is possible). */
export function closePayload(code: number, reason: Buffer = Buffer.alloc(0)): Buffer {
  const head = Buffer.alloc(2)
  head.writeUInt16BE(code)
  return Buffer.concat([head, reason])
}

/**
 * Read the server's frames until its close frame; resolves with the close code (null when the
 * connection ended without one). Always ends our side and destroys the socket afterwards.
 */
export function awaitServerClose(connection: RawConnection): Promise<number | null> {
  const { socket } = connection
  return new Promise((resolve) => {
    let buffer = connection.rest
    let settled = false
    const finish = (code: number | null): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      socket.destroy()
      resolve(code)
    }
    const timer = setTimeout(() => finish(null), RAW_WAIT_MS)
    const scan = (): void => {
      // Server frames are unmasked; walk them until a close frame (opcode 8).
      while (buffer.length >= 2) {
        const opcode = buffer[0] & 0x0f
        let length = buffer[1] & 0x7f
        let offset = 2
        if (length === 126) {
          if (buffer.length < 4) return
          length = buffer.readUInt16BE(2)
          offset = 4
        } else if (length === 127) {
          if (buffer.length < 10) return
          length = Number(buffer.readBigUInt64BE(2))
          offset = 10
        }
        if (buffer.length < offset + length) return
        if (opcode === 8) {
          finish(length >= 2 ? buffer.readUInt16BE(offset) : 1005)
          return
        }
        buffer = buffer.subarray(offset + length)
      }
    }
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk])
      scan()
    })
    socket.on('close', () => finish(null))
    scan()
  })
}
