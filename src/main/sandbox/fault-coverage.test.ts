import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { SANDBOX_FAULTS, SANDBOX_GENERATIONS } from './index'

const here = dirname(fileURLToPath(import.meta.url))
const testSources = readdirSync(here)
  .filter((name) => name.endsWith('.test.ts') && name !== 'fault-coverage.test.ts')
  .map((name) => readFileSync(join(here, name), 'utf8'))
  .join('\n')
const readme = readFileSync(join(here, 'README.md'), 'utf8')

describe('coverage of the catalogs', () => {
  for (const fault of SANDBOX_FAULTS) {
    it(`fault ${fault.id} is exercised by a test and listed in README.md`, () => {
      expect(testSources).toContain(`'${fault.id}`)
      expect(readme).toContain(`\`${fault.id}\``)
    })
  }
  for (const generation of SANDBOX_GENERATIONS) {
    it(`generation ${generation.id} is exercised by a test and listed in README.md`, () => {
      expect(testSources).toContain(`'${generation.id}'`)
      expect(readme).toContain(`\`${generation.id}\``)
    })
  }
})
