import { join, resolve } from 'node:path'
import { app, BrowserWindow, ipcMain, Menu, protocol, session, shell, type MenuItemConstructorOptions } from 'electron'
import { createBackend } from './backend/create-backend'
import { createDesktopShell } from './ipc/desktop-shell'
import { APP_INDEX_URL, APP_SCHEME, respondToAppRequest } from './ipc/app-scheme'
import { bindContract } from './ipc/bind-contract'
import { createAppUrlCheck, createTrustedSenderCheck } from './ipc/trusted-sender'
import { RENDERER_CSP } from './web/content-security-policy'

/**
 * Electron entry: one window, the security checklist, the contract bound to IPC. Nothing else;
 * all behaviour lives in the backend, which the web host and the CLI share.
 */

/** The built renderer, served as app://renderer/ (never loaded over file://). */
const RENDERER_DIR = join(__dirname, '../renderer')
const PRELOAD = join(__dirname, '../preload/index.js')
/** The electron-vite dev server; never honoured in a packaged app, where the env could be set by anyone. */
const DEV_SERVER_URL = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
/** Longest we wait for the backend to stop sessions and servers before quitting anyway. */
const DISPOSE_TIMEOUT_MS = 5000

const isAppUrl = createAppUrlCheck({ devServerUrl: DEV_SERVER_URL })

// Before `ready`: app:// is a standard, secure scheme (its own origin, relative URLs, fetch), with no CSP bypass.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }
])
const isTrustedSender = createTrustedSenderCheck(isAppUrl)

let mainWindow: BrowserWindow | null = null

/** The one window: sandboxed, context-isolated, no Node. */
function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Netra Diagnostics',
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false
    }
  })
  win.once('ready-to-show', () => win.show())
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null
  })
  const load = win.loadURL(DEV_SERVER_URL ?? APP_INDEX_URL)
  load.catch((error: unknown) => console.error(`netra: could not load the renderer: ${String(error)}`))
  return win
}

/** Session-wide rules: no permissions, the renderer CSP on every web response (app:// sets its own). */
function hardenSession(): void {
  const ses = session.defaultSession
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  ses.setPermissionCheckHandler(() => false)
  ses.setDevicePermissionHandler(() => false)
  // Vite's dev server injects an inline React-refresh preamble; only unpackaged dev runs relax script-src.
  const csp = DEV_SERVER_URL
    ? RENDERER_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
    : RENDERER_CSP
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } })
  })
}

/** A minimal menu: the standard roles (clipboard shortcuts need the Edit menu on macOS). */
function buildMenu(): Menu {
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload' },
    { role: 'forceReload' },
    ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' } as const]),
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' }
  ]
  return Menu.buildFromTemplate([
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' }
  ])
}

// Every web contents (the window, and anything it might try to spawn) gets the same guards.
app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  contents.on('will-frame-navigate', (details) => {
    if (!isAppUrl(details.url)) details.preventDefault()
  })
  contents.on('will-redirect', (details) => {
    if (!isAppUrl(details.url)) details.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
})

app.enableSandbox()

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })

  void app.whenReady().then(() => {
    // Serves only files under the renderer's out dir; traversal, other hosts and symlinks out are refused.
    protocol.handle(APP_SCHEME, (request) => respondToAppRequest(request, RENDERER_DIR))
    hardenSession()
    Menu.setApplicationMenu(buildMenu())

    const backend = createBackend({
      host: 'electron',
      dataDir: app.getPath('userData'),
      desktop: createDesktopShell(session.defaultSession),
      revealPath: (path) => shell.showItemInFolder(path)
    })
    // Issue 11: `open FILE` (or a bare .ndjson path, as a file manager passes it) opens a recording at start.
    const argv = process.argv.slice(app.isPackaged ? 1 : 2)
    const openAt = argv.indexOf('open')
    const toOpen = openAt >= 0 ? argv[openAt + 1] : argv.find((arg) => arg.endsWith('.ndjson'))
    if (toOpen)
      void backend.handlers['recordings.open']({ path: resolve(toOpen) }).catch((error: Error) => console.error(`netra: could not open ${toOpen}: ${error.message}`))
    const unbind = bindContract(ipcMain, backend, isTrustedSender, () => mainWindow?.webContents)

    mainWindow = createMainWindow()
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow()
    })

    // Quit waits once for the backend to close sessions and flush recordings, then really quits.
    let disposal: Promise<void> | undefined
    app.on('before-quit', (event) => {
      if (disposal === undefined) {
        event.preventDefault()
        unbind()
        const timeout = new Promise<void>((resolve) => setTimeout(resolve, DISPOSE_TIMEOUT_MS).unref())
        disposal = Promise.race([backend.dispose(), timeout])
          .catch((error: unknown) => console.error(`netra: backend dispose failed: ${String(error)}`))
          .finally(() => app.quit())
      }
    })
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}
