import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { expect, type Locator, type Page } from '@playwright/test'

const ROOT = join(__dirname, '..', '..')

/** Open a settings panel from the top bar (if it is not open yet). */
export async function openPanel(page: Page, which: 'environments' | 'credentials'): Promise<Locator> {
  const panel = page.getByTestId(`${which}-panel`)
  if (!(await panel.isVisible())) await page.getByTestId(`open-${which}`).click()
  await expect(panel).toBeVisible()
  return panel
}

/** An unsigned JWT with the given claims: the credential store decodes claims without verifying them. */
export function fakeJwt(claims: Record<string, unknown>): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url')
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}.${Buffer.from('not-a-real-signature').toString('base64url')}`
}

/** Put the shared backend into session-only memory mode (the e2e host has no keychain). */
export async function useMemoryFallback(panel: Locator): Promise<void> {
  const status = panel.getByTestId('keychain-status')
  await expect(status).toHaveAttribute('data-available', 'false')
  if (await panel.getByTestId('use-memory-fallback').isVisible())
    await panel.getByTestId('use-memory-fallback').click()
  await expect(panel.getByTestId('memory-fallback-on')).toBeVisible()
}

/** Delete a credential row through its confirm step. */
export async function deleteCredential(row: Locator): Promise<void> {
  await row.getByTestId('credential-delete').click()
  await row.getByTestId('credential-delete-confirmed').click()
  await expect(row).toHaveCount(0)
}

/** A standalone sandbox (`netra-diag sandbox`) with a known simulation key: its own auth service mints E2E tokens. */
export type StandaloneSandbox = { wsUrl: string; authUrl: string; stop(): Promise<void> }

/** Start `netra-diag sandbox --simulation-key <key>` and read its URLs from what it prints. */
export async function startStandaloneSandbox(simulationKey: string): Promise<StandaloneSandbox> {
  const child: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'netra-diag.js'), 'sandbox', '--simulation-key', simulationKey, '--step-delay', '5'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe']
    }
  )
  let output = ''
  const urls = await new Promise<{ wsUrl: string; authUrl: string }>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`netra-diag sandbox printed no URLs:\n${output}`)),
      20_000
    )
    child.stdout?.on('data', (chunk: Buffer) => {
      // Colours may be forced on (FORCE_COLOR): read the text without them.
      // eslint-disable-next-line no-control-regex
      output += chunk.toString().replace(/\x1b\[[0-9;]*m/g, '')
      const ws = /WebSocket\s+(ws:\/\/\S+)/.exec(output)
      const auth = /auth service\s+(http:\/\/\S+)/.exec(output)
      if (ws && auth) {
        clearTimeout(timer)
        resolve({ wsUrl: ws[1], authUrl: auth[1] })
      }
    })
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`netra-diag sandbox exited with ${code}:\n${output}`))
    })
  }).catch((error: unknown) => {
    // Never leave the server running when its URLs could not be read.
    child.kill('SIGKILL')
    throw error
  })
  return {
    ...urls,
    async stop() {
      if (child.exitCode !== null) return
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      child.kill('SIGTERM')
      await exited
    }
  }
}
