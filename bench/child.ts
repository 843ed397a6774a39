import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { BENCH_DIR } from './bench-dir'

/** A benchmark helper process and the first JSON line it printed. */
export type BenchChild = { child: ChildProcess; first: Record<string, unknown>; lines: Array<Record<string, unknown>>; stop(): Promise<void> }

/**
 * Start `bench/<script>` in its own Node process (with tsx; or a bundled script's path without it), and wait (up to `reportWithinMs`) for its first JSON line.
 * It is killed by `stop()`, and ends by itself when this process goes away (its stdin closes).
 */
export function startChild(script: string, args: string[] = [], extraNodeArgs: string[] = [], reportWithinMs = 60_000, typescript = true): Promise<BenchChild> {
  return new Promise((resolve, reject) => {
    // `typescript: false`: `script` is a path to plain JavaScript (a bundle), run without the loader.
    const entry = typescript ? ['--import', 'tsx', join(BENCH_DIR, script)] : [script]
    const child = spawn(process.execPath, [...extraNodeArgs, ...entry, ...args], { stdio: ['pipe', 'pipe', 'inherit'] })
    const lines: Array<Record<string, unknown>> = []
    let buffer = ''
    let resolved = false
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${script} did not report within ${reportWithinMs / 1000} s`))
    }, reportWithinMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      if (!resolved) reject(new Error(`${script} exited with ${code} before reporting`))
    })
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8')
      let newline = buffer.indexOf('\n')
      while (newline !== -1) {
        const line = buffer.slice(0, newline)
        buffer = buffer.slice(newline + 1)
        newline = buffer.indexOf('\n')
        try {
          lines.push(JSON.parse(line) as Record<string, unknown>)
        } catch {
          continue
        }
        if (!resolved) {
          resolved = true
          clearTimeout(timer)
          resolve({
            child,
            first: lines[0],
            lines,
            stop: () =>
              new Promise<void>((done) => {
                if (child.exitCode !== null) return done()
                child.once('exit', () => done())
                child.kill('SIGTERM')
              })
          })
        }
      }
    })
  })
}

/** Median of a list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
