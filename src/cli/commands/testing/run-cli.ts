import { spawn } from 'node:child_process'
import { join } from 'node:path'

const root = join(__dirname, '..', '..', '..', '..')

/** Run the CLI from source, as a user runs the built one, against its own data folder. */
export function runCli(args: string[], dataDir: string, options: { stdin?: string; env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli/index.ts'), ...args], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', NETRA_DIAG_DATA_DIR: dataDir, ...options.env }
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.stdin.end(options.stdin ?? '')
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

