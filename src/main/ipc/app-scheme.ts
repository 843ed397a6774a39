import { readFile, realpath } from 'node:fs/promises'
import { BASE_HEADERS, contentTypeFor, resolveRendererPath } from '../web/static-files'
import { RENDERER_CSP } from '../web/content-security-policy'

/**
 * The `app://` scheme the Electron window loads the renderer from (instead of `file://`).
 *
 * A page on `file://` can read any local file the browser layer lets it and shares one origin
 * with every other local file; `app://renderer` is an origin of its own that serves exactly the
 * built renderer and nothing else. This module is the whole handler minus Electron's
 * registration (src/main/index.ts), so it is tested under plain Node.
 */

/** The scheme name (registered as standard and secure before the app is ready). */
export const APP_SCHEME = 'app'
/** The only host the scheme answers for. */
export const APP_HOST = 'renderer'
/** The renderer's origin. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
/** The page the window loads. */
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`

/** Where an `app://` URL leads: a file under the renderer directory, or a refusal with its HTTP status. */
export type AppUrlTarget = { file: string } | { status: 400 | 403 | 404 | 503; message: string }

/**
 * Map an `app://` request URL to a file under `rendererDir`, refusing foreign schemes and hosts,
 * credentials or ports in the URL, and any path that leaves the directory.
 */
export async function resolveAppUrl(url: string, rendererDir: string): Promise<AppUrlTarget> {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return { status: 400, message: 'bad request: not a URL' }
  }
  if (parsed.protocol !== `${APP_SCHEME}:`) return { status: 400, message: 'bad request: not an app:// URL' }
  if (parsed.host !== APP_HOST || parsed.username !== '' || parsed.password !== '') {
    return { status: 403, message: 'forbidden: unknown app:// host' }
  }
  const root = await realpath(rendererDir).catch(() => null)
  if (!root) return { status: 503, message: 'renderer not built' }
  // `URL` already removed literal dot segments; resolveRendererPath decodes and refuses encoded ones.
  return resolveRendererPath(root, parsed.pathname)
}

/** The parts of a fetch `Request` the handler reads (Electron hands `protocol.handle` a real one). */
export type AppRequest = { readonly url: string; readonly method: string }

/** Answer one `app://` request: the file with its content type and, on HTML, the renderer's CSP. */
export async function respondToAppRequest(request: AppRequest, rendererDir: string): Promise<Response> {
  const refuse = (status: number, message: string, extra: Record<string, string> = {}): Response =>
    new Response(`${message}\n`, { status, headers: { ...BASE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...extra } })
  if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'method not allowed', { Allow: 'GET, HEAD' })
  const target = await resolveAppUrl(request.url, rendererDir)
  if ('status' in target) return refuse(target.status, target.message)
  const type = contentTypeFor(target.file)
  const body = request.method === 'HEAD' ? null : await readFile(target.file).catch(() => null)
  if (request.method === 'GET' && body === null) return refuse(404, 'not found')
  return new Response(body === null ? null : new Uint8Array(body), {
    status: 200,
    headers: {
      ...BASE_HEADERS,
      'Content-Type': type,
      'Cache-Control': 'no-cache',
      // Set here rather than left to the session's webRequest hook, so the page never depends on that hook seeing app:// responses.
      ...(type.startsWith('text/html') ? { 'Content-Security-Policy': RENDERER_CSP } : {})
    }
  })
}
