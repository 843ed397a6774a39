import { createReadStream } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, resolve, sep } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { RENDERER_CSP } from './content-security-policy'

/** What a built Vite renderer contains; anything else is served as opaque bytes. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm'
}

/** The text the host answers with while `out/renderer` has no index.html. */
export const RENDERER_NOT_BUILT = 'renderer not built: run npm run build'

/** Headers on every response: no MIME sniffing, and the token in the page URL never leaks as a referrer. */
export const BASE_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer'
} as const

/** Content type for a file name, by extension. */
export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
}

/** Answer with a short plain-text body (errors and refusals). */
export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  extra: Record<string, string> = {}
): void {
  const body = `${text}\n`
  res.writeHead(status, {
    ...BASE_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    ...extra
  })
  res.end(body)
}

/** Is `child` the directory `root` itself or inside it? */
function isInside(root: string, child: string): boolean {
  return child === root || child.startsWith(root + sep)
}

/**
 * Resolve a request path to a file under the renderer's real directory `root`, or say why not.
 *
 * The one rule for both hosts that serve the renderer (the web host over HTTP, the Electron
 * shell over `app://`): no traversal raw or percent-encoded, no backslash or NUL, no symlink
 * leading out, and extensionless paths (client-side routes) fall back to index.html.
 */
export async function resolveRendererPath(
  root: string,
  urlPath: string
): Promise<{ file: string } | { status: 400 | 403 | 404; message: string }> {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return { status: 400, message: 'bad request: malformed path' }
  }
  // Refuse rather than normalise: `..` (raw or percent-encoded), backslashes (a separator on
  // Windows) and NUL never appear in a path the renderer asks for.
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) {
    return { status: 400, message: 'bad request: malformed path' }
  }
  if (decoded.split('/').includes('..'))
    return { status: 403, message: 'forbidden: path leaves the renderer' }

  const candidate = resolve(root, `.${decoded}`)
  if (!isInside(root, candidate)) return { status: 403, message: 'forbidden: path leaves the renderer' }

  const info = await stat(candidate).catch(() => null)
  if (info?.isFile()) {
    // A symlink inside the build must not lead outside it either.
    const real = await realpath(candidate)
    if (!isInside(root, real)) return { status: 403, message: 'forbidden: path leaves the renderer' }
    return { file: real }
  }
  // SPA fallback: a path without an extension is a client-side route; a missing asset is a 404
  // (answering it with HTML would only hide the real error behind a MIME-type complaint).
  if (extname(decoded) === '') return { file: join(root, 'index.html') }
  return { status: 404, message: 'not found' }
}

/** Serve the built renderer from `rendererDir`: GET/HEAD only, no traversal, SPA fallback to index.html. */
export function createStaticHandler(
  rendererDir: string
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'method not allowed', { Allow: 'GET, HEAD' })
      return
    }
    // Checked on every request, so building the renderer while the host runs just works.
    const root = await realpath(rendererDir).catch(() => null)
    const indexInfo = root ? await stat(join(root, 'index.html')).catch(() => null) : null
    if (!root || !indexInfo?.isFile()) {
      sendText(res, 503, RENDERER_NOT_BUILT)
      return
    }

    const urlPath = (req.url ?? '/').split(/[?#]/, 1)[0] ?? '/'
    const target = await resolveRendererPath(root, urlPath)
    if ('status' in target) {
      sendText(res, target.status, target.message)
      return
    }

    const info = await stat(target.file)
    const type = contentTypeFor(target.file)
    const isHtml = type.startsWith('text/html')
    res.writeHead(200, {
      ...BASE_HEADERS,
      'Content-Type': type,
      'Content-Length': info.size,
      // The page is tiny and per-launch; hashed assets could be cached, but a local tool gains little.
      'Cache-Control': isHtml ? 'no-store' : 'no-cache',
      ...(isHtml ? { 'Content-Security-Policy': RENDERER_CSP } : {})
    })
    if (req.method === 'HEAD') {
      res.end()
      return
    }
    await pipeline(createReadStream(target.file), res).catch(() => res.destroy())
  }
}
