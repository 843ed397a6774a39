import { describe, expect, it } from 'vitest'
import { buildProgram } from './main'

const argv = (...args: string[]): string[] => ['node', 'netra-diag', ...args]

describe('buildProgram: a subcommand loads only when it runs', () => {
  it('loads no command for --version, only the named one for a subcommand, and every one for help', async () => {
    expect((await buildProgram(argv('--version'))).commands).toHaveLength(0)
    expect((await buildProgram(argv('probe', '--help'))).commands.map((command) => command.name())).toEqual(['probe'])
    expect((await buildProgram(argv('export', 'x.ndjson'))).commands.map((command) => command.name())).toEqual(['export'])
    const all = ['serve', 'probe', 'sandbox', 'export', 'env', 'credentials', 'check', 'replay']
    expect((await buildProgram(argv('--help'))).commands.map((command) => command.name())).toEqual(all)
    // An unknown command gets every command, so commander can suggest the nearest.
    expect((await buildProgram(argv('prob'))).commands.map((command) => command.name())).toEqual(all)
  })
})
