import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config'
import { describe, expect, it } from 'vitest'

/**
 * The packaging configuration, checked statically: packaging (and so flipping the fuses) cannot
 * run here, so this test reads electron-builder.yml the way electron-builder does and asserts
 * every security-relevant setting.
 */

const root = join(__dirname, '..', '..')
const require = createRequire(__filename)
const yaml = require('js-yaml') as { load(text: string): unknown }
const raw = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>
/** validateConfiguration only asks its logger whether it is enabled. */
const quietLogger = { isEnabled: false, add: () => undefined } as unknown as Parameters<typeof validateConfiguration>[1]

describe('electron-builder.yml', () => {
  it('sets every Electron fuse the security checklist asks for', () => {
    expect(raw.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false
    })
  })

  it('packs the app into an asar archive with integrity hashing on (the fuses above rely on it)', () => {
    expect(raw.asar).toBe(true)
    expect(raw.disableAsarIntegrity).toBeUndefined()
    expect(raw.disableSanityCheckAsar).toBeUndefined()
  })

  it('is a configuration electron-builder 26 itself accepts (its own schema: a misspelt fuse fails here)', async () => {
    const config = await getConfig(root, join(root, 'electron-builder.yml'), null)
    await expect(validateConfiguration(config, quietLogger)).resolves.toBeUndefined()
    expect(config.electronFuses).toEqual(raw.electronFuses)
  })

  it('the schema check is real: a misspelt fuse is refused', async () => {
    const config = await getConfig(root, join(root, 'electron-builder.yml'), null)
    const misspelt = { ...config, electronFuses: { ...config.electronFuses, runAsNodee: false } }
    await expect(validateConfiguration(misspelt, quietLogger)).rejects.toThrow(/runAsNodee|electronFuses/)
  })
})
