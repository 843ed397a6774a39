import { describe, expect, it } from 'vitest'
import { CUSTOM_ENVIRONMENT, STAGING_ENVIRONMENT } from '../test-support/credential-fixtures'
import { SANDBOX_ENVIRONMENT } from '../test-support/sandbox-fixtures'
import { draftOf, draftProblems, emptyDraft, inputOf } from './environment-editor-draft'
import { prefillFromUrl } from './environment-editor-prefill'

describe('inputOf', () => {
  it('sends only what changed for a saved environment, never the kind of a built-in', () => {
    const draft = { ...draftOf(STAGING_ENVIRONMENT), attempts: '5', fullAnswerMs: '90000', authBase: '' }
    expect(inputOf(draft, STAGING_ENVIRONMENT)).toEqual({
      id: 'staging',
      authBase: null,
      retries: { attempts: 5, delayMs: 1000 },
      sla: { fullAnswerMs: 90_000 }
    })
  })

  it('sends nothing but the id for an untouched environment', () => {
    expect(inputOf(draftOf(CUSTOM_ENVIRONMENT), CUSTOM_ENVIRONMENT)).toEqual({ id: 'acme' })
  })

  it('never sends the sandbox URLs (they are picked when it starts)', () => {
    const draft = { ...draftOf(SANDBOX_ENVIRONMENT), name: 'My sandbox' }
    expect(inputOf(draft, SANDBOX_ENVIRONMENT)).toEqual({ id: 'sandbox', name: 'My sandbox' })
  })

  it('sends a whole new environment, trimmed, with empty bases as null', () => {
    const draft = {
      ...emptyDraft(),
      name: ' Box ',
      wsUrl: ' ws://10.0.0.5:8000/ws ',
      kind: 'custom' as const
    }
    expect(inputOf(draft, null)).toMatchObject({
      name: 'Box',
      wsUrl: 'ws://10.0.0.5:8000/ws',
      kind: 'custom',
      httpBase: null,
      authBase: null,
      expectedGeneration: null
    })
  })
})

describe('draftProblems', () => {
  it('uses the contract schema’s words per field', () => {
    const problems = draftProblems(
      {
        ...draftOf(CUSTOM_ENVIRONMENT),
        wsUrl: 'https://x.example/ws',
        attempts: '11',
        delayMs: '1.5',
        httpBase: 'wss://h'
      },
      CUSTOM_ENVIRONMENT
    )
    expect(problems.wsUrl).toMatch(/must start with ws:\/\/ or wss:\/\//)
    expect(problems.attempts).toBe('retries.attempts must be at most 10')
    expect(problems.delayMs).toBe('must be a whole number')
    expect(problems.httpBase).toMatch(/must start with http:\/\/ or https:\/\//)
  })

  it('refuses a URL that carries a token, pointing at credentials instead', () => {
    expect(
      draftProblems(
        { ...draftOf(CUSTOM_ENVIRONMENT), wsUrl: 'wss://h.example/ws?token=abc' },
        CUSTOM_ENVIRONMENT
      ).wsUrl
    ).toMatch(/store the token as a credential/)
  })

  it('asks a new environment for a name and a URL, and accepts a saved one as it is', () => {
    expect(draftProblems(emptyDraft(), null)).toMatchObject({
      name: 'name is empty',
      wsUrl: expect.stringMatching(/required/)
    })
    expect(draftProblems(draftOf(STAGING_ENVIRONMENT), STAGING_ENVIRONMENT)).toEqual({})
  })
})

describe('prefillFromUrl', () => {
  it.each([
    [
      'wss://api.staging.netrasystems.ai/ws',
      'staging',
      'wss://api.staging.netrasystems.ai/ws',
      'https://api.staging.netrasystems.ai',
      'https://auth.staging.netrasystems.ai'
    ],
    [
      'https://api.netrasystems.ai',
      'production',
      'wss://api.netrasystems.ai/ws',
      'https://api.netrasystems.ai',
      'https://auth.netrasystems.ai'
    ],
    [
      'auth.staging.netrasystems.ai',
      'staging',
      'wss://api.staging.netrasystems.ai/ws',
      'https://api.staging.netrasystems.ai',
      'https://auth.staging.netrasystems.ai'
    ],
    ['localhost:8000', 'local', 'ws://localhost:8000/ws', 'http://localhost:8000', 'http://localhost:8081'],
    [
      'wss://box-staging.example.com/api/v1/websocket',
      'staging',
      'wss://box-staging.example.com/api/v1/websocket',
      'https://box-staging.example.com',
      ''
    ],
    ['https://netra.acme.example/', 'custom', 'wss://netra.acme.example/ws', 'https://netra.acme.example', '']
  ] as const)('%s → %s', (pasted, kind, wsUrl, httpBase, authBase) => {
    expect(prefillFromUrl(pasted)).toMatchObject({ kind, wsUrl, httpBase, authBase })
  })

  it('gives up on text that is not a URL', () => {
    expect(prefillFromUrl('')).toBeNull()
    expect(prefillFromUrl('::::')).toBeNull()
  })
})
