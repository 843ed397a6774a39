import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WEB_API_PATH, WEB_TOKEN_PARAM } from '../../shared/api/web-wire'
import { awaitServerClose, closePayload, encodeFrame, rawUpgrade, type RawConnection } from './testing/raw-ws-client'
import { spawnWebHost, type ChildWebHost } from './testing/spawn-web-host'
import { connectWellBehaved } from './testing/well-behaved-client'
import { MAX_CONTRACT_MESSAGE_BYTES } from './web-host'

/**
 * Issue 9, item 1: one malformed WebSocket frame used to kill the web host (the contract socket
 * had no 'error' listener). The host runs in a child process so that a crash shows as a dead
 * process instead of taking the test runner down; after every frame a second, well-behaved
 * client must still get its answer.
 */

let host: ChildWebHost

beforeAll(async () => {
  host = await spawnWebHost()
}, 30_000)
afterAll(async () => {
  await host?.stop()
})

/** Upgrade a raw client with the token and our Origin. */
async function upgraded(): Promise<RawConnection> {
  const connection = await rawUpgrade({
    port: host.port,
    path: `${WEB_API_PATH}?${WEB_TOKEN_PARAM}=${host.token}`,
    origin: `http://127.0.0.1:${host.port}`
  })
  expect(connection.status).toBe(101)
  return connection
}

const text = (value: string): Buffer => Buffer.from(value, 'utf8')
const MAX = MAX_CONTRACT_MESSAGE_BYTES

/** Every variant the attacker tried, and more; each is one client's whole output after the upgrade. */
const MALFORMED: Array<[string, Buffer, number]> = [
  ['oversized: a text frame declaring maxPayload + 1 bytes', encodeFrame({ opcode: 1, declaredLength: MAX + 1 }), 1009],
  [
    'oversized: fragments adding up past maxPayload',
    Buffer.concat([encodeFrame({ opcode: 1, fin: false, payload: text('{') }), encodeFrame({ opcode: 0, declaredLength: MAX })]),
    1009
  ],
  ['oversized: a 64-bit length beyond 2^53', encodeFrame({ opcode: 2, declaredLength: 2n ** 63n }), 1009],
  ['invalid UTF-8 in a text frame', encodeFrame({ opcode: 1, payload: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) }), 1007],
  ['invalid UTF-8 in a close reason', encodeFrame({ opcode: 8, payload: closePayload(1000, Buffer.from([0xc3, 0x28])) }), 1007],
  ['reserved data opcode 0x3', encodeFrame({ opcode: 0x3, payload: text('x') }), 1002],
  ['reserved control opcode 0xB', encodeFrame({ opcode: 0xb }), 1002],
  ['an unmasked client frame', encodeFrame({ opcode: 1, masked: false, payload: text('{"id":1}') }), 1002],
  ['close code 1005 (may not be sent)', encodeFrame({ opcode: 8, payload: closePayload(1005) }), 1002],
  ['close code 5000 (out of range)', encodeFrame({ opcode: 8, payload: closePayload(5000) }), 1002],
  ['a close frame with a 1-byte payload', encodeFrame({ opcode: 8, payload: Buffer.from([3]) }), 1002],
  ['an orphan continuation frame', encodeFrame({ opcode: 0, payload: text('tail') }), 1002],
  ['RSV1 set without a negotiated extension', encodeFrame({ opcode: 1, rsv: 4, payload: text('{}') }), 1002],
  ['RSV2 and RSV3 set', encodeFrame({ opcode: 1, rsv: 3, payload: text('{}') }), 1002],
  ['a fragmented control frame (ping without FIN)', encodeFrame({ opcode: 9, fin: false }), 1002],
  ['a control frame over 125 bytes', encodeFrame({ opcode: 9, payload: Buffer.alloc(126, 0x61) }), 1002],
  [
    'a new text frame inside a fragmented message',
    Buffer.concat([encodeFrame({ opcode: 1, fin: false, payload: text('{') }), encodeFrame({ opcode: 1, payload: text('}') })]),
    1002
  ]
]

describe('web host: malformed WebSocket frames (child process)', () => {
  it.each(MALFORMED)('%s closes that client only, with the right code, and the host keeps serving', async (_label, bytes, expected) => {
    const bystander = await connectWellBehaved(host.port, host.token)
    const logged = host.logLines.length
    const attacker = await upgraded()
    attacker.socket.write(bytes)
    expect(await awaitServerClose(attacker)).toBe(expected)

    // The host is alive, a client that was connected all along still gets answers, and so does a new one.
    expect(host.alive()).toBe(true)
    expect(await bystander.appInfo()).toMatchObject({ result: { name: 'netra-diagnostics', host: 'web' } })
    const newcomer = await connectWellBehaved(host.port, host.token)
    expect(await newcomer.appInfo()).toMatchObject({ result: { name: 'netra-diagnostics' } })
    bystander.close()
    newcomer.close()

    // One log line naming the close code, never the token.
    const lines = host.logLines.slice(logged)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain(`closed with ${expected}`)
    expect(lines.join('\n')).not.toContain(host.token)
  })

  it(`printed figure: ${MALFORMED.length} malformed-frame variants, host alive`, () => {
    console.log(`web host frame variants: ${MALFORMED.length} malformed variants sent, host alive: ${host.alive()}`)
    expect(host.alive()).toBe(true)
  })
})
