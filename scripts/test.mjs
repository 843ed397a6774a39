#!/usr/bin/env node
// `npm test`: unit + integration tests (Vitest), then the UI end to end in Chromium (Playwright)
// against a fresh build. Ends with one line `N passed, N failed` (also written to
// artifacts/test-summary.txt so CI can repeat it last).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const artifacts = join(root, 'artifacts')
mkdirSync(artifacts, { recursive: true })
const skipE2e = process.argv.includes('--unit-only')

/** How long each phase took, printed before the summary: the house rule is `npm test` under ~10 minutes. */
const phases = []

function run(title, command, args, env = {}) {
  process.stdout.write(`\n── ${title} ──\n`)
  const started = Date.now()
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  phases.push(`${title.replace(/ \(.*/, '')} ${Math.round((Date.now() - started) / 1000)} s`)
  return result.status ?? 1
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return null
  }
}

let passed = 0
let failed = 0
let skipped = 0

const deps = run('system packages', 'bash', [join(root, 'scripts/ensure-system-deps.sh')])
if (deps !== 0) failed += 1

const vitestJson = join(artifacts, 'vitest.json')
// Under a throwaway unlocked Secret Service, so the keychain tests use a real gnome-keyring.
const vitestStatus = run('unit and integration tests (vitest, with a throwaway keyring)', 'bash', [
  join(root, 'scripts/with-test-keyring.sh'),
  'npx',
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`
])
const vitest = readJson(vitestJson)
if (vitest) {
  passed += vitest.numPassedTests
  failed += vitest.numFailedTests
  skipped += vitest.numPendingTests + vitest.numTodoTests
  // A suite that fails to load has no failed tests but must still count as a failure.
  failed += vitest.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length
} else if (vitestStatus !== 0) failed += 1

if (!skipE2e) {
  const buildStatus = run('build (electron-vite)', 'npx', ['electron-vite', 'build'])
  if (buildStatus !== 0) failed += 1
  else {
    const playwrightJson = join(artifacts, 'playwright.json')
    const status = run('UI end to end (Playwright, Chromium)', 'npx', ['playwright', 'test', '--reporter=list,json'], {
      PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson
    })
    const report = existsSync(playwrightJson) ? readJson(playwrightJson) : null
    if (report?.stats) {
      passed += report.stats.expected + report.stats.flaky
      failed += report.stats.unexpected
      skipped += report.stats.skipped
      if (report.errors?.length) failed += report.errors.length
    } else if (status !== 0) failed += 1
  }
}

process.stdout.write(`\ntook: ${phases.join(', ')}\n`)
const summary = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`
writeFileSync(join(artifacts, 'test-summary.txt'), `${summary}\n`)
process.stdout.write(`\n${summary}\n`)
process.exit(failed === 0 && passed > 0 ? 0 : 1)
