import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { z } from 'zod'
import { contractEvents, contractMethods, EVENT_NAMES, METHOD_NAMES, type MethodName } from '../../shared/api/contract'
import { ExportFormatSchema } from '../../shared/api/contract'
import type { AuthMethod } from '../../shared/api/frame-record'
import type { Keychain } from '../credentials/keychain'
import { keychainAccount } from '../credentials/keychain'
import { MemoryKeychain } from '../credentials/memory-keychain'
import { realTestKeychain } from '../credentials/testing/real-test-keychain'
import { startSandbox, type Sandbox } from '../sandbox'
import { OPAQUE_TOKENS, wireForms } from '../../shared/session-log/testing/wire-forms'
import { runCli } from '../../cli/commands/testing/run-cli'
import { createBackend } from './create-backend'
import { chromeHar } from '../recordings/har/testing/har-fixtures'
import { harnessFor, startHarness, type Harness } from './testing/backend-harness'
import { startEchoAuthServer, type EchoAuthServer } from './testing/echo-auth-server'
import { scanForSecrets } from './testing/secret-scan'
import { testTempDir } from '../testing/temp-dir'

/**
 * The canary (issue 5, "Done when"): real secrets — a sandbox-minted JWT stored as a credential,
 * the E2E simulation key, tokens minted with it — go through full sessions with every auth method,
 * recordings and exports in every format; then every file under the data folder, every response,
 * every pushed event, every error message and every console line is searched for them in every
 * encoding. When a new method, event or file-writing feature (e.g. saved exports) appears, it must
 * be exercised here: the test fails if a contract method was never called.
 */

const real = await realTestKeychain()
const CANARY_KEY = `canary-simulation-key-${randomBytes(18).toString('base64url')}`
const secrets: Record<string, string> = { 'simulation key': CANARY_KEY }

let sandbox: Sandbox
let harness: Harness
let keychain: Keychain
const consoleLines: string[] = []

/** Learn every token the auth service mints (the vault keeps them out of our reach, by design). */
function captureMintedTokens(): void {
  const original = globalThis.fetch
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (...args: Parameters<typeof fetch>) => {
    const response = await original(...args)
    if (String(args[0]).endsWith('/auth/e2e/test-auth') && response.ok) {
      const body = (await response.clone().json()) as { access_token: string; refresh_token: string }
      const n = Object.keys(secrets).length
      secrets[`minted access token ${n}`] = body.access_token
      secrets[`minted refresh token ${n}`] = body.refresh_token
    }
    return response
  })
}

function captureConsole(): void {
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[level]
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      consoleLines.push(args.map(String).join(' '))
      original(...args)
    })
  }
}

async function fullSession(environmentId: string, credentialId: string, authMethod: AuthMethod, subprotocolStyle?: 'jwt' | 'jwt-auth-legacy'): Promise<string> {
  const { sessionId } = await harness.call('session.connect', { environmentId, credentialId, authMethod, subprotocolStyle, pingIntervalMs: 1000 })
  await harness.until(() => harness.model(sessionId).state === 'open')
  await harness.call('session.send', { sessionId, text: 'Analyse my cloud costs (canary run)', mode: 'user_message' })
  await harness.until(() => harness.model(sessionId).runs[0]?.status === 'completed')
  await harness.call('session.disconnect', { sessionId })
  await harness.until(() => harness.model(sessionId).state === 'closed')
  return sessionId
}

const sessionIds: string[] = []
/** Exports fetched through `session.export-file`/`-read`, decoded (the chunks cross the boundary as base64). */
const exported: Array<{ where: string; text: string }> = []

beforeAll(async () => {
  captureMintedTokens()
  captureConsole()
  sandbox = await startSandbox({ stepDelayMs: 1, simulationKey: CANARY_KEY })
  secrets['stored access token'] = await sandbox.mintToken({ sub: 'canary-user', email: 'canary@netrasystems.ai' })
  keychain = real.available ? real.keychain : new MemoryKeychain()
  harness = startHarness(keychain)

  await harness.call('app.info', {})
  await harness.call('environments.list', {})
  await harness.call('environments.classify', { url: sandbox.wsUrl })
  const { environment } = await harness.call('environments.save', { name: 'Canary lab', wsUrl: sandbox.wsUrl, httpBase: sandbox.httpUrl, authBase: sandbox.authUrl })
  await harness.call('environments.save', { id: environment.id, expectedGeneration: 'beta-17' })
  await harness.call('environments.save', { id: 'staging', retries: { attempts: 2, delayMs: 100 } })
  await harness.call('environments.reset', { id: 'staging' })
  await harness.call('credentials.list', {})

  const { credential: stored } = await harness.call('credentials.add', { environmentId: environment.id, label: 'canary token', kind: 'access-token', secret: secrets['stored access token'] })
  const { credential: key } = await harness.call('credentials.add', { environmentId: environment.id, label: 'canary key', kind: 'e2e-simulation-key', secret: CANARY_KEY })
  const { credential: minted } = await harness.call('credentials.mint-e2e', { environmentId: environment.id, simulationKeyCredentialId: key.id, email: 'canary.qa@netrasystems.ai' })
  const { credential: kept } = await harness.call('credentials.mint-e2e', { environmentId: environment.id, simulationKeyCredentialId: key.id, email: 'kept@netrasystems.ai', store: true, label: 'minted kept' })
  await harness.call('credentials.rename', { id: kept.id, label: 'minted kept renamed' })
  await harness.call('credentials.use-memory-fallback', { enabled: true })
  await harness.call('credentials.use-memory-fallback', { enabled: false })
  await harness.call('sandbox.status', {})
  await harness.call('sandbox.catalog', {})
  await harness.call('sandbox.configure', { triage: 'insufficient' })

  for (const authMethod of ['subprotocol', 'header', 'query', 'ticket'] as const) sessionIds.push(await fullSession(environment.id, stored.id, authMethod))
  sessionIds.push(await fullSession(environment.id, minted.id, 'subprotocol', 'jwt-auth-legacy'))
  sessionIds.push(await fullSession(environment.id, kept.id, 'query'))

  // Issue 12: two distinct users at once; the response carries frames' text, so it is scanned too.
  await harness.call('isolation.run', { environmentId: environment.id, users: 2, credentialIds: [stored.id, minted.id], timeoutMs: 20_000 })

  // Issue 12: saved composer messages. One carrying the stored token is refused (the refusal is scanned too);
  // a clean one is saved, renamed and removed, and saved-messages.json is among the files scanned below.
  await harness.call('messages.save', { environmentId: environment.id, name: 'leaky', text: `token ${secrets['stored access token']}`, mode: 'raw' }).catch(() => undefined)
  const { messages } = await harness.call('messages.save', { environmentId: environment.id, name: 'canary message', text: 'Analyse my cloud costs (canary run)', mode: 'user_message' })
  await harness.call('messages.rename', { environmentId: environment.id, id: messages[0].id, name: 'canary message renamed' })
  await harness.call('messages.save', { environmentId: environment.id, name: 'kept', text: '{"type":"ping"}', mode: 'raw' })
  await harness.call('messages.remove', { environmentId: environment.id, id: messages[0].id })
  await harness.call('messages.list', { environmentId: environment.id })
  // The window's desktop methods (issue 13): without a desktop shell they answer with nothing to reveal.
  await harness.call('app.reveal-path', { fileName: 'canary-export.har' })
  await harness.call('app.set-theme', { source: 'dark' })

  // A refusal records the request headers and the response body: redacted too.
  sandbox.configure({ faults: ['token-rejected'] })
  const refused = await harness.call('session.connect', { environmentId: environment.id, credentialId: stored.id, authMethod: 'header' })
  await harness.until(() => harness.model(refused.sessionId).state === 'closed')
  sessionIds.push(refused.sessionId)
  // The built-in sandbox refuses a token it did not sign: the credential path of the sandbox environment.
  // It is bound to the lab's host: refused first (the refusal crosses the boundary too), then confirmed for this one use.
  await harness.call('session.connect', { environmentId: 'sandbox', credentialId: stored.id }).catch(() => undefined)
  const sandboxHost = new URL((await harness.call('sandbox.status', {})).wsUrl as string).host
  const foreign = await harness.call('session.connect', { environmentId: 'sandbox', credentialId: stored.id, allowForeignHost: sandboxHost })
  await harness.until(() => harness.model(foreign.sessionId).state === 'closed')
  sessionIds.push(foreign.sessionId)

  await harness.call('session.list', {})
  // Issue 11: the library's index (on disk, scanned below) and an opened recording carry no secret either.
  await harness.until(() => harness.pushes.filter((push) => push.event === 'library.changed').length >= sessionIds.length - 2)
  const { entries } = await harness.call('library.list', {})
  await harness.call('library.rename', { id: entries[0].id, name: 'canary recording' })
  await harness.call('library.delete', { id: entries[0].id })
  await harness.call('library.restore', { id: entries[0].id })
  await harness.call('library.reveal', { id: entries[0].id })
  await harness.call('library.settings', {})
  await harness.call('library.configure', { recordingsDir: null })
  const upload = await harness.call('recordings.upload', { fileName: 'canary.ndjson', offset: 0, base64: readFileSync(entries[0].path).toString('base64'), done: true })
  const reopened = await harness.call('recordings.open', { path: upload.path as string })
  sessionIds.push(reopened.session.id)
  for (const sessionId of sessionIds) {
    await harness.call('session.records', { sessionId, fromSeq: 0 })
    for (const format of ExportFormatSchema.options) {
      await harness.call('session.export', { sessionId, format })
      const file = await harness.call('session.export-file', { sessionId, format })
      const chunks: Buffer[] = []
      for (let offset = 0, done = false; !done; ) {
        const chunk = await harness.call('session.export-read', { exportId: file.exportId, offset, length: 64 * 1024 })
        chunks.push(Buffer.from(chunk.base64, 'base64'))
        ;({ nextOffset: offset, done } = chunk)
      }
      exported.push({ where: `export-file ${format} of ${sessionId}`, text: Buffer.concat(chunks).toString('utf8') })
    }
  }
  // Issue 11: a customer's HAR carrying the token in every place a browser puts it (outside the
  // data folder, as a user's download would be); the listing, the import and its recording are scanned.
  const token = secrets['stored access token']
  const har = join(testTempDir('netra-canary-har-'), 'customer.har')
  writeFileSync(
    har,
    chromeHar([
      {
        url: `wss://api.netrasystems.ai/ws?token=${encodeURIComponent(token)}`,
        requestHeaders: { Authorization: `Bearer ${token}`, 'Sec-WebSocket-Protocol': `jwt.${Buffer.from(token).toString('base64url')}` },
        messages: [{ type: 'receive', time: Date.now() / 1000, opcode: 1, data: JSON.stringify({ type: 'auth', token, key: CANARY_KEY }) }]
      }
    ])
  )
  await harness.call('recordings.har-entries', { path: har })
  await harness.call('recordings.import-har', { path: har, entry: 0 })
  await harness.call('recordings.import-har', { path: join(tmpdir(), 'no-such-customer.har') }).catch(() => undefined)
  // Errors cross the boundary too: provoke the ones that involve credentials.
  await harness.call('environments.remove', { id: environment.id }).catch(() => undefined)
  await harness.call('credentials.add', { environmentId: 'nowhere', label: 'x', kind: 'access-token', secret: secrets['stored access token'] }).catch(() => undefined)
  await harness.call('credentials.add', { environmentId: environment.id, label: 'canary token', kind: 'access-token', secret: secrets['stored access token'] }).catch(() => undefined)
  await harness.call('credentials.remove', { id: kept.id })
  await harness.call('credentials.list', {})
  await harness.backend.dispose()
}, 120_000)

afterAll(async () => {
  vi.restoreAllMocks()
  await sandbox?.stop()
  if (real.available) for (const label of ['canary token', 'canary key']) await real.keychain.delete(keychainAccount('canary-lab', label)).catch(() => false)
})

function filesUnder(dir: string): Array<{ where: string; text: string }> {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const file = join(entry.parentPath, entry.name)
      return { where: `file ${file.slice(dir.length + 1)}`, text: readFileSync(file, 'latin1') }
    })
}

describe(`secret canary (${real.available ? 'real OS keychain' : `in-memory keychain — the real one is unavailable: ${real.skipReason}`})`, () => {
  it('ran for real: full runs with every auth method, recordings on disk, tokens minted, secrets in the keychain', async () => {
    const completed = sessionIds.filter((id) => harness.model(id).runs[0]?.status === 'completed')
    expect(completed).toHaveLength(6)
    expect(harness.model(sessionIds[6]).handshake?.status).toBe(403)
    expect(filesUnder(harness.dataDir).map((file) => file.where)).toEqual(expect.arrayContaining([expect.stringMatching(/^file recordings[/\\].*\.ndjson$/), 'file environments.json', 'file credentials.json', 'file saved-messages.json']))
    expect(harness.errors).toContainEqual(expect.stringMatching(/contains the secret of credential "canary token" of this environment; it was not saved/))
    expect(Object.keys(secrets).filter((name) => name.startsWith('minted access token'))).toHaveLength(2)
    expect(await keychain.get(keychainAccount('canary-lab', 'canary token'))).toBe(secrets['stored access token'])
  })

  it('every contract method was exercised (a new method must be added to this canary)', () => {
    expect(METHOD_NAMES.filter((method: MethodName) => !harness.called.has(method))).toEqual([])
  })

  it('finds no secret, in any encoding, in files, responses, events, errors or console output', () => {
    const haystacks = [
      ...filesUnder(harness.dataDir),
      ...harness.responses.map(({ method, response }, i) => ({ where: `response #${i} ${method}`, text: JSON.stringify(response) })),
      ...harness.pushes.map(({ event, payload }, i) => ({ where: `event #${i} ${event}`, text: JSON.stringify(payload) })),
      ...harness.errors.map((message, i) => ({ where: `error #${i}`, text: message })),
      ...consoleLines.map((line, i) => ({ where: `console #${i}`, text: line })),
      ...exported
    ]
    expect(haystacks.length).toBeGreaterThan(100)
    expect(scanForSecrets(secrets, haystacks)).toEqual([])
  })

  it('the scan would have found a leak (positive control)', () => {
    const token = secrets['stored access token']
    const planted = [
      { where: 'subprotocol', text: `jwt.${Buffer.from(token).toString('base64url')}` },
      { where: 'query', text: `/ws?token=${encodeURIComponent(CANARY_KEY)}` },
      { where: 'signature only', text: `sig=${token.split('.')[2]}` }
    ]
    expect(scanForSecrets(secrets, planted).map((hit) => hit.where)).toEqual(expect.arrayContaining(['subprotocol', 'query', 'signature only']))
  })
})

/** Walk a zod schema and list every object key, with its path. */
function keysOf(schema: z.ZodType, path: string, seen = new Set<unknown>()): string[] {
  if (seen.has(schema)) return []
  seen.add(schema)
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def
  const walk = (child: unknown, at: string): string[] => (child ? keysOf(child as z.ZodType, at, seen) : [])
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([key, child]) => [`${path}.${key}`, ...walk(child, `${path}.${key}`)])
    case 'array':
      return walk(def.element, `${path}[]`)
    case 'union':
      return (def.options as z.ZodType[]).flatMap((option) => walk(option, path))
    case 'record':
      return walk(def.valueType, `${path}{}`)
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
    case 'catch':
      return walk(def.innerType, path)
    case 'pipe':
      return [...walk(def.in, path), ...walk(def.out, path)]
    default:
      return []
  }
}

describe('contract shape: no response or event has a field meant for a secret', () => {
  const SECRETISH = /secret|password|passwd|token|jwt|bearer|api_?key|simulation_?key|bypass/i
  // A non-secret field whose name merely mentions tokens: the JWT claim naming the token's type.
  const ALLOWED = /\.claims\.token_type$/

  it('walks every response and event schema', () => {
    const fields = [
      ...METHOD_NAMES.flatMap((method) => keysOf(contractMethods[method].response as z.ZodType, `${method} →`)),
      ...EVENT_NAMES.flatMap((event) => keysOf(contractEvents[event].payload as z.ZodType, `${event} ⇢`))
    ]
    expect(fields.length).toBeGreaterThan(100)
    expect(fields.some((field) => field.endsWith('.claims.exp'))).toBe(true)
    expect(fields.filter((field) => SECRETISH.test(field.split('.').pop() as string) && !ALLOWED.test(field))).toEqual([])
  })
})

/**
 * The canary with opaque tokens (issue 9): tokens full of the characters encoders disagree on
 * (`~ ! ' ( ) * + / =`, space, non-ASCII), of every length class, from the token variable, through every
 * auth method against a hostile server that hands them back in every encoding it can; then the same
 * search through pushed events, responses, errors, recordings and every export — and through the CLI's
 * probe output, its --record file and the exports made from it.
 */
describe('secret canary with opaque tokens', () => {
  const SHORT = '~!'
  const tokens = [...OPAQUE_TOKENS, SHORT]
  let echo: EchoAuthServer
  let opaque: Harness
  const cliOutputs: Array<{ where: string; text: string }> = []

  /** Where a 1–2 character token is redacted: where a credential stands (the redactor's length rule). */
  const credentialPositions = (token: string): string[] => {
    const forms = wireForms(token)
    return [
      ...[forms.raw, forms.encodeURIComponent, forms['URLSearchParams (+ for space)']].map((form) => `token=${form}`),
      `Bearer ${token}`,
      `jwt.${forms.base64url}`,
      `"token":"${forms['JSON-escaped']}"`
    ]
  }
  const formsToFind = (token: string): string[] => {
    if (token.length <= 2) return credentialPositions(token)
    const xml = token.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
    return [...new Set([...Object.values(wireForms(token)), xml])]
  }

  beforeAll(async () => {
    echo = await startEchoAuthServer()
    const state = { token: '' }
    const dataDir = testTempDir('netra-opaque-')
    const backend = createBackend({ host: 'cli', dataDir, keychain: new MemoryKeychain(), resolveToken: async () => state.token })
    opaque = harnessFor(backend, dataDir)
    await opaque.call('environments.save', { id: 'echo', name: 'Echo', wsUrl: echo.wsUrl, httpBase: echo.httpBase, authBase: null })
    for (const token of tokens) {
      state.token = token
      for (const authMethod of ['subprotocol', 'header', 'query', 'ticket'] as const) {
        const { sessionId } = await opaque.call('session.connect', { environmentId: 'echo', authMethod })
        await opaque.until(() => ['open', 'closed'].includes(opaque.model(sessionId).state))
        if (opaque.model(sessionId).state === 'open') await opaque.call('session.send', { sessionId, text: `here is ${token} again`, mode: 'user_message' }).catch(() => undefined)
        await opaque.until(() => opaque.model(sessionId).state === 'closed')
        await opaque.call('session.records', { sessionId, fromSeq: 0 })
        for (const format of ExportFormatSchema.options) await opaque.call('session.export', { sessionId, format })
      }
    }
    await backend.dispose()

    // The CLI: probe with query auth (the reported case), its output, its recording and every export of it.
    const cliDir = testTempDir('netra-opaque-cli-')
    const recording = join(cliDir, 'probe.ndjson')
    const env = { NETRA_DIAG_TOKEN: OPAQUE_TOKENS[0] }
    const probe = await runCli(['probe', '--url', echo.wsUrl, '--http-base', echo.httpBase, '--auth', 'query', '--record', recording, '--timeout', '5', '--json'], cliDir, { env })
    cliOutputs.push({ where: 'probe --json stdout', text: probe.stdout }, { where: 'probe stderr', text: probe.stderr })
    const human = await runCli(['probe', '--url', echo.wsUrl, '--http-base', echo.httpBase, '--auth', 'query', '--timeout', '5'], cliDir, { env })
    cliOutputs.push({ where: 'probe report', text: human.stdout + human.stderr })
    for (const format of ExportFormatSchema.options) {
      const exported = await runCli(['export', recording, '--format', format], cliDir)
      cliOutputs.push({ where: `export ${format}`, text: exported.stdout + exported.stderr })
    }
    cliOutputs.push(...filesUnder(cliDir))
  }, 180_000)

  afterAll(async () => {
    await echo?.stop()
  })

  it('ran for real: every token through every auth method reached the server and came back', () => {
    const sessions = opaque.responses.filter((response) => response.method === 'session.connect')
    expect(sessions).toHaveLength(tokens.length * 4)
    const echoed = opaque.pushes.filter((push) => push.event === 'session.records' && JSON.stringify(push.payload).includes('"type\\":\\"echo'))
    // All but two: no HTTP header can carry the non-ASCII token (header auth, and the ticket request's Bearer).
    expect(echoed.length).toBeGreaterThanOrEqual(tokens.length * 4 - 2)
    expect(echo.tickets.length).toBe(tokens.length - 1)
    expect(cliOutputs.find((output) => output.where === 'probe --json stdout')?.text).toMatch(/"outcome"/)
  })

  it('finds none of them, in any encoding, in events, responses, errors, recordings, exports or the CLI’s output', () => {
    const haystacks = [
      ...filesUnder(opaque.dataDir),
      ...opaque.responses.map(({ method, response }, i) => ({ where: `response #${i} ${method}`, text: JSON.stringify(response) })),
      ...opaque.pushes.map(({ event, payload }, i) => ({ where: `event #${i} ${event}`, text: JSON.stringify(payload) })),
      ...opaque.errors.map((message, i) => ({ where: `error #${i}`, text: message })),
      ...cliOutputs
    ]
    const hits: string[] = []
    for (const token of [...tokens, ...echo.tickets])
      for (const form of formsToFind(token)) for (const haystack of haystacks) if (haystack.text.includes(form)) hits.push(`${JSON.stringify(token)} as ${JSON.stringify(form)} in ${haystack.where}`)
    expect(hits).toEqual([])
  })
})
