import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { RENDERER_CSP } from '../web/content-security-policy'
import { APP_INDEX_URL, resolveAppUrl, respondToAppRequest } from './app-scheme'

/**
 * The app:// handler under plain Node: everything but Electron's `protocol.handle` registration.
 * (The Electron window itself cannot be launched here.)
 */

const SECRET = 'TOP-SECRET-OUTSIDE-THE-RENDERER'
const INDEX_HTML = '<!doctype html><div id="root"></div><script type="module" src="./assets/app.js"></script>'
let root: string
let rendererDir: string

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'netra-app-scheme-'))
  rendererDir = join(root, 'renderer')
  await mkdir(join(rendererDir, 'assets'), { recursive: true })
  await writeFile(join(rendererDir, 'index.html'), INDEX_HTML)
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log("app")\n')
  await writeFile(join(root, 'secret.txt'), SECRET)
  await writeFile(join(root, 'package.json'), JSON.stringify({ secret: SECRET }))
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('resolveAppUrl', () => {
  it('maps app://renderer/… to files under the renderer directory', async () => {
    expect(await resolveAppUrl(APP_INDEX_URL, rendererDir)).toEqual({ file: expect.stringMatching(/renderer[/\\]index\.html$/) })
    expect(await resolveAppUrl('app://renderer/assets/app.js?v=1#x', rendererDir)).toEqual({
      file: expect.stringMatching(/renderer[/\\]assets[/\\]app\.js$/)
    })
    // A client-side route falls back to the page; a missing asset does not.
    expect(await resolveAppUrl('app://renderer/sessions/abc', rendererDir)).toEqual({ file: join(rendererDir, 'index.html') })
    expect(await resolveAppUrl('app://renderer/assets/missing.js', rendererDir)).toMatchObject({ status: 404 })
  })

  it.each([
    ['another host', 'app://evil/index.html', 403],
    ['a look-alike host', 'app://renderer.evil/index.html', 403],
    ['credentials in the URL', 'app://user:pw@renderer/index.html', 403],
    ['a port', 'app://renderer:8080/index.html', 403],
    ['another scheme', 'file:///etc/passwd', 400],
    ['https', 'https://renderer/index.html', 400],
    ['not a URL', 'not a url', 400]
  ])('refuses %s', async (_label, url, status) => {
    expect(await resolveAppUrl(url, rendererDir)).toMatchObject({ status })
  })

  it.each([
    'app://renderer/..%2fsecret.txt',
    'app://renderer/assets/..%2F..%2Fsecret.txt',
    'app://renderer/assets/%5c..%5c..%5csecret.txt',
    'app://renderer/assets/..\\..\\secret.txt',
    'app://renderer/%00index.html',
    'app://renderer/%E0%A4%A'
  ])('refuses traversal and malformed paths: %s', async (url) => {
    const target = await resolveAppUrl(url, rendererDir)
    expect(target).toMatchObject({ status: expect.any(Number) })
    expect([400, 403]).toContain((target as { status: number }).status)
  })

  it('keeps literal dot segments inside the directory (the URL parser removes them) and never reaches outside', async () => {
    for (const url of ['app://renderer/../secret.txt', 'app://renderer/assets/../../package.json', 'app://renderer/%2e%2e/secret.txt']) {
      const response = await respondToAppRequest({ url, method: 'GET' }, rendererDir)
      expect(response.status).toBe(404)
      expect(await response.text()).not.toContain(SECRET)
    }
  })

  it('refuses a symlink inside the renderer that points outside it', async () => {
    await symlink(join(root, 'secret.txt'), join(rendererDir, 'assets', 'linked.txt'))
    expect(await resolveAppUrl('app://renderer/assets/linked.txt', rendererDir)).toMatchObject({ status: 403 })
  })

  it('answers 503 while the renderer is not built', async () => {
    expect(await resolveAppUrl(APP_INDEX_URL, join(root, 'not-built'))).toMatchObject({ status: 503 })
  })
})

describe('respondToAppRequest', () => {
  it('serves the page with the renderer CSP and the security headers', async () => {
    const response = await respondToAppRequest({ url: APP_INDEX_URL, method: 'GET' }, rendererDir)
    expect(response.status).toBe(200)
    expect(await response.text()).toBe(INDEX_HTML)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('content-security-policy')).toBe(RENDERER_CSP)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('serves assets with their content type and no CSP header', async () => {
    const response = await respondToAppRequest({ url: 'app://renderer/assets/app.js', method: 'GET' }, rendererDir)
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('console.log("app")\n')
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(response.headers.get('content-security-policy')).toBeNull()
  })

  it('refuses other methods, foreign hosts and traversal without leaking a byte', async () => {
    const post = await respondToAppRequest({ url: APP_INDEX_URL, method: 'POST' }, rendererDir)
    expect(post.status).toBe(405)
    expect(post.headers.get('allow')).toBe('GET, HEAD')
    const foreign = await respondToAppRequest({ url: 'app://evil/secret.txt', method: 'GET' }, rendererDir)
    expect(foreign.status).toBe(403)
    const traversal = await respondToAppRequest({ url: 'app://renderer/..%2fsecret.txt', method: 'GET' }, rendererDir)
    expect(traversal.status).toBe(403)
    expect(await traversal.text()).not.toContain(SECRET)
    const head = await respondToAppRequest({ url: APP_INDEX_URL, method: 'HEAD' }, rendererDir)
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
  })
})
