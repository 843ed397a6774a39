import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MemoryKeychain } from '../credentials/memory-keychain'
import { SAVED_MESSAGES_FILE } from '../settings/saved-message-store'
import { startHarness, type Harness } from './testing/backend-harness'

const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url')
// A JWT-shaped access token (the vault decodes its claims); redacted anywhere, in any encoding.
const TOKEN = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'qa-7f3a9c2e', exp: 4_102_444_800 })}.c2lnbmF0dXJlLTdmM2E5YzJlNTFiMDRkNjg`
let harness: Harness

beforeEach(() => {
  harness = startHarness(new MemoryKeychain())
})
afterEach(async () => {
  await harness.backend.dispose()
})

const rejection = async (promise: Promise<unknown>): Promise<string> => {
  try {
    await promise
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('expected the call to be refused')
}

describe('messages.* through the backend', () => {
  it('saves, lists, renames and removes per environment, through the contract', async () => {
    const saved = await harness.call('messages.save', { environmentId: 'staging', name: 'Costs', text: 'Analyse my cloud costs', mode: 'user_message' })
    expect(saved.messages).toEqual([expect.objectContaining({ name: 'Costs', text: 'Analyse my cloud costs', mode: 'user_message' })])
    const { id } = saved.messages[0]
    expect((await harness.call('messages.rename', { environmentId: 'staging', id, name: 'Cloud costs' })).messages[0].name).toBe('Cloud costs')
    expect((await harness.call('messages.list', { environmentId: 'production' })).messages).toEqual([])
    expect((await harness.call('messages.remove', { environmentId: 'staging', id })).messages).toEqual([])
  })

  it('validates requests and refuses an unknown environment', async () => {
    expect(await rejection(harness.call('messages.save', { environmentId: 'staging', name: '  ', text: 'x', mode: 'raw' }))).toMatch(/name: the name is empty/)
    expect(await rejection(harness.call('messages.save', { environmentId: 'staging', name: 'n', text: '', mode: 'raw' }))).toMatch(/message text is empty/)
    expect(await rejection(harness.call('messages.save', { environmentId: 'nowhere', name: 'n', text: 'x', mode: 'raw' }))).toMatch(/no environment with id nowhere/)
  })

  it("refuses a message carrying the environment's stored token, plain or encoded, and never writes it", async () => {
    await harness.call('credentials.add', { environmentId: 'staging', label: 'qa token', kind: 'access-token', secret: TOKEN })
    const forms = [
      `{"type":"user_message","payload":{"content":"hi"},"token":"${TOKEN}"}`,
      `Bearer ${TOKEN}`,
      `jwt.${Buffer.from(TOKEN).toString('base64url')}`,
      `wss://x/ws?token=${encodeURIComponent(TOKEN)}`
    ]
    for (const text of forms) {
      const message = await rejection(harness.call('messages.save', { environmentId: 'staging', name: 'leaky', text, mode: 'raw' }))
      expect(message).toMatch(/contains the secret of credential "qa token" of this environment; it was not saved/)
      expect(message).not.toContain(TOKEN)
    }
    // A clean message still saves; the file holds no trace of the refused ones.
    await harness.call('messages.save', { environmentId: 'staging', name: 'clean', text: 'Analyse my cloud costs', mode: 'user_message' })
    const file = join(harness.dataDir, SAVED_MESSAGES_FILE)
    expect(readFileSync(file, 'utf8')).not.toContain(TOKEN.split('.')[1])
    expect(statSync(file).mode & 0o777).toBe(0o600)
  })

  it("refuses any secret the backend knows, even another environment's once it was read", async () => {
    await harness.call('credentials.add', { environmentId: 'production', label: 'prod', kind: 'access-token', secret: TOKEN })
    // Not a staging credential, so the per-environment check passes it; the backend's redactor knows it once read.
    await harness.call('messages.save', { environmentId: 'production', name: 'probe', text: 'no secret here', mode: 'raw' })
    const message = await rejection(harness.call('messages.save', { environmentId: 'staging', name: 'cross', text: `token ${TOKEN}`, mode: 'raw' }))
    expect(message).toMatch(/contains a secret the app knows/)
  })

  it('refuses any JWT-shaped token, even one the app never stored (a minted sandbox token, a pasted one)', async () => {
    const pasted = `${b64({ alg: 'RS256' })}.${b64({ sub: 'someone-else' })}.c2lnbmF0dXJlLW9mLXNvbWVvbmU`
    const message = await rejection(harness.call('messages.save', { environmentId: 'sandbox', name: 'jwt', text: `{"token":"${pasted}"}`, mode: 'raw' }))
    expect(message).toMatch(/contains a JWT/)
    expect(message).not.toContain(pasted)
    // Text that merely mentions tokens is fine.
    await harness.call('messages.save', { environmentId: 'sandbox', name: 'about tokens', text: 'Why was my eyJ token refused?', mode: 'user_message' })
  })
})
