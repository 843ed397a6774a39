import { APP_ORIGIN } from './app-scheme'

/**
 * What counts as the app's own page.
 *
 * IPC handlers and navigation guards trust exactly one origin: `app://renderer`, which serves
 * only the built renderer (see app-scheme.ts), or, in development, the electron-vite dev
 * server. `file://` is trusted no more: any local file shares it. Anything else that somehow
 * ends up in the window (a foreign navigation, an injected iframe) gets no contract access.
 */

/** Where the app's own page lives besides `app://renderer`. */
export type AppPageLocation = {
  /** The dev server URL (`ELECTRON_RENDERER_URL`) when running unpackaged in development. */
  devServerUrl?: string
}

/** The parts of Electron's WebFrameMain the sender check reads. */
export type SenderFrame = { readonly url: string; readonly parent?: unknown }

/** Build the check "is this URL the app's own page?": the app:// origin, or the dev server's. */
export function createAppUrlCheck(location: AppPageLocation = {}): (url: string) => boolean {
  const devOrigin = location.devServerUrl ? safeUrl(location.devServerUrl)?.origin : undefined
  return (url) => {
    const parsed = safeUrl(url)
    if (!parsed) return false
    // Compared by parts: Node and Chromium disagree on `origin` for non-special schemes ("null").
    if (`${parsed.protocol}//${parsed.host}` === APP_ORIGIN) return parsed.username === '' && parsed.password === ''
    // `URL.origin` is the string "null" for opaque origins; a dev origin is always http(s).
    return devOrigin !== undefined && devOrigin !== 'null' && parsed.origin === devOrigin
  }
}

/** Build the IPC sender check: the top-level frame of the app's own page, nothing else. */
export function createTrustedSenderCheck(
  isAppUrl: (url: string) => boolean
): (frame: SenderFrame | null) => boolean {
  return (frame) => frame !== null && !frame.parent && isAppUrl(frame.url)
}

/** Parse a URL, or undefined when it is not one. */
function safeUrl(url: string): URL | undefined {
  try {
    return new URL(url)
  } catch {
    return undefined
  }
}
