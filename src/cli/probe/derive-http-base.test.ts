import { describe, expect, it } from 'vitest'
import { deriveHttpBase } from './derive-http-base'

describe('deriveHttpBase: the API origin of a WebSocket URL', () => {
  it.each([
    ['ws://127.0.0.1:8000/ws', 'http://127.0.0.1:8000'],
    ['wss://api.staging.netrasystems.ai/ws?mode=main', 'https://api.staging.netrasystems.ai'],
    ['wss://api.netrasystems.ai:8443/api/v1/websocket', 'https://api.netrasystems.ai:8443'],
    ['ws://localhost/ws/factory#x', 'http://localhost'],
    ['ws://[::1]:9000/ws', 'http://[::1]:9000'],
    ['wss://user:secret@api.example.com/ws?token=abc', 'https://api.example.com']
  ])('%s → %s', (wsUrl, base) => {
    expect(deriveHttpBase(wsUrl)).toBe(base)
  })

  it('derives nothing from a URL that is not ws:// or wss://', () => {
    expect(deriveHttpBase('http://api.example.com/ws')).toBeNull()
    expect(deriveHttpBase('not a url')).toBeNull()
  })
})
