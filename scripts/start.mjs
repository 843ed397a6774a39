#!/usr/bin/env node
// `npm start` / `npm run web`: build if needed, then open the Electron app — or, where the
// Electron runtime cannot be had (no download access, headless boxes), the browser UI.
//
//   node scripts/start.mjs [--web] [--port <n>] [open FILE]
//
// --web   skip Electron and serve the browser UI (`netra-diag serve`)
// --port  port for the browser UI on 127.0.0.1 (default: a free one)
// open FILE  open a .ndjson recording as a read-only session at start (a .har goes through the
//            file picker or `netra-diag export FILE.har --format ndjson` first)
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
/** electron's index.js downloads the runtime on first require; give a slow link time, not forever. */
const ELECTRON_PROBE_TIMEOUT_MS = 90_000
/** What `electron-vite build` produces; any one missing means "not built". */
const BUILD_OUTPUTS = [
  'out/main/index.js',
  'out/main/cli.js',
  'out/preload/index.js',
  'out/renderer/index.html'
]
/** Inputs beyond src/ that change the build. */
const BUILD_INPUTS = [
  'electron.vite.config.ts',
  'package.json',
  'tsconfig.base.json',
  'tsconfig.node.json',
  'tsconfig.web.json'
]

const say = (text) => process.stderr.write(`netra: ${text}\n`)

function parseArgs(argv) {
  const options = { web: false, port: undefined, open: undefined }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--web') options.web = true
    else if (arg === '--port') options.port = argv[++i]
    else if (arg.startsWith('--port=')) options.port = arg.slice('--port='.length)
    else if (arg === 'open' && argv[i + 1] !== undefined) options.open = resolve(argv[++i])
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write('usage: node scripts/start.mjs [--web] [--port <n>] [open FILE]\n')
      process.exit(0)
    } else {
      say(`unknown option ${arg} (expected --web, --port <n>, open FILE)`)
      process.exit(2)
    }
  }
  if (options.port !== undefined && !/^\d{1,5}$/.test(options.port)) {
    say(`--port needs a number, got "${options.port ?? ''}"`)
    process.exit(2)
  }
  return options
}

/** Newest modification time under `dir`, ignoring tests (they do not change the build). */
function newestMtime(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path))
    else if (!/\.test\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs)
  }
  return newest
}

/** Why a build is needed, or null when `out/` is newer than every input. */
function buildReason() {
  const outputs = BUILD_OUTPUTS.map((file) => join(ROOT, file))
  const missing = outputs.find((file) => !existsSync(file))
  if (missing) return `${missing.slice(ROOT.length + 1)} is missing`
  const oldestOutput = Math.min(...outputs.map((file) => statSync(file).mtimeMs))
  const inputs = BUILD_INPUTS.map((file) => join(ROOT, file)).filter((file) => existsSync(file))
  const newestInput = Math.max(
    newestMtime(join(ROOT, 'src')),
    ...inputs.map((file) => statSync(file).mtimeMs)
  )
  return newestInput > oldestOutput ? 'sources changed since the last build' : null
}

// ---- children and signals -------------------------------------------------------------------

let current = null
let signalled = false

/** Signal a child — its whole process group when it has its own (so grandchildren go too). */
function signalChild(child, signal) {
  try {
    if (child.ownGroup) process.kill(-child.pid, signal)
    else child.kill(signal)
  } catch {
    // Already gone.
  }
}

/** Signals this close together are one interrupt (`npm start` forwards the terminal's Ctrl+C again). */
const SAME_INTERRUPT_MS = 1000
let firstSignalAt = 0
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (!current || current.exitCode !== null || current.signalCode !== null) process.exit(130)
    if (!signalled) {
      signalled = true
      firstSignalAt = Date.now()
      signalChild(current, signal)
    } else if (Date.now() - firstSignalAt > SAME_INTERRUPT_MS) {
      // A later, second Ctrl+C means "now": stop waiting for the graceful shutdown.
      signalChild(current, 'SIGKILL')
    }
  })
}

/**
 * Run a child and resolve with its exit. `ownGroup` puts a child in its own process group, so
 * a terminal Ctrl+C reaches it once (forwarded by us) rather than twice — a second SIGINT would
 * cut a graceful shutdown short — and so a timeout can stop its grandchildren as well.
 */
function run(command, args, { capture = false, timeout, ownGroup = false } = {}) {
  return new Promise((resolve) => {
    const env = { ...process.env }
    delete env.ELECTRON_RUN_AS_NODE
    const child = spawn(command, args, {
      cwd: ROOT,
      env,
      stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      detached: ownGroup && process.platform !== 'win32'
    })
    child.ownGroup = ownGroup && process.platform !== 'win32'
    current = child
    let stdout = ''
    let stderr = ''
    let timedOut = false
    const timer = timeout
      ? setTimeout(() => {
          timedOut = true
          signalChild(child, 'SIGKILL')
        }, timeout)
      : undefined
    child.stdout?.on('data', (chunk) => (stdout += chunk))
    child.stderr?.on('data', (chunk) => (stderr += chunk))
    child.on('error', (error) => {
      stderr += `${error.name}: ${error.message}\n`
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      if (current === child) current = null
      resolve({ code, signal, stdout, stderr, timedOut })
    })
  })
}

/** Exit code for a child that ended with `code` or was killed by `signal`. */
const exitCodeOf = ({ code, signal }) =>
  code ?? (signal ? 128 + ({ SIGINT: 2, SIGTERM: 15, SIGKILL: 9 }[signal] ?? 1) : 1)

// ---- steps ----------------------------------------------------------------------------------

async function buildIfNeeded() {
  const reason = buildReason()
  if (!reason) return
  say(`building the app (${reason}) with electron-vite build…`)
  const started = Date.now()
  const result = await run(process.execPath, [
    join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'),
    'build'
  ])
  if (result.code !== 0) {
    say('the build failed (see above)')
    process.exit(exitCodeOf(result))
  }
  say(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}

/** The Electron executable, or the short reason it cannot be had. */
async function resolveElectron() {
  say('looking for the Electron runtime…')
  const result = await run(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    capture: true,
    timeout: ELECTRON_PROBE_TIMEOUT_MS,
    ownGroup: true
  })
  const path = result.stdout.trim()
  if (result.code === 0 && path && existsSync(path)) return { path }
  if (result.timedOut) {
    return { cause: `could not be downloaded: no answer within ${ELECTRON_PROBE_TIMEOUT_MS / 1000} s` }
  }
  // electron's index.js prints the download error first, then a generic "failed to install".
  const errors = [...result.stderr.matchAll(/^\s*(?:\w*Error|Error): (.+)$/gm)].map((match) =>
    match[1].trim()
  )
  const detail = (errors[0] ?? result.stderr.trim().split('\n').pop() ?? `exit code ${result.code}`).slice(
    0,
    120
  )
  // (its "Downloading Electron binary..." goes to stdout)
  const verb = /Downloading Electron/.test(result.stdout + result.stderr)
    ? 'could not be downloaded'
    : 'could not be loaded'
  return { cause: `${verb}: ${detail.replace(/\.$/, '')}` }
}

async function main() {
  const options = parseArgs(process.argv.slice(2))
  await buildIfNeeded()

  if (!options.web) {
    const electron = await resolveElectron()
    if (electron.path) {
      const openArgs = options.open ? ['open', options.open] : []
      process.exit(exitCodeOf(await run(electron.path, ['.', ...openArgs], { ownGroup: true })))
    }
    if (signalled) process.exit(130)
    process.stderr.write(
      `Electron runtime unavailable (${electron.cause}) — starting the browser UI instead.\n`
    )
  }

  const cli = join(ROOT, 'bin/netra-diag.js')
  const args = [
    cli,
    'serve',
    ...(options.port !== undefined ? ['--port', options.port] : []),
    ...(options.open ? ['--open', options.open] : [])
  ]
  process.exit(exitCodeOf(await run(process.execPath, args, { ownGroup: true })))
}

await main()
