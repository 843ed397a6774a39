import { afterEach, describe, expect, it } from 'vitest'
import { ContractError } from '../../shared/api/contract'
import { sandboxCatalog } from './sandbox-catalog'
import { SandboxController } from './sandbox-controller'

let controller: SandboxController | null = null
afterEach(async () => {
  await controller?.stop()
  controller = null
})

describe('sandbox event style in the settings the backend uses', () => {
  it('offers the event styles in the catalog, the wrapped default first', () => {
    expect(sandboxCatalog().eventStyles.map((style) => style.id)).toEqual(['wrapped', 'five-from-every-agent'])
  })

  it('reports wrapped by default and applies a chosen style to the running sandbox', async () => {
    controller = new SandboxController({ stepDelayMs: 0 })
    expect(controller.status().eventStyle).toBe('wrapped')
    const sandbox = await controller.ensure()
    expect(sandbox.options.eventStyle).toBe('wrapped')
    expect(controller.configure({ eventStyle: 'five-from-every-agent' }).eventStyle).toBe('five-from-every-agent')
    expect(sandbox.options.eventStyle).toBe('five-from-every-agent')
  })

  it('refuses an unknown style with a clear invalid-request error, changing nothing', () => {
    controller = new SandboxController()
    expect(() => controller!.configure({ eventStyle: 'everything-twice' })).toThrow(ContractError)
    expect(() => controller!.configure({ eventStyle: 'everything-twice' })).toThrow(/unknown sandbox event style "everything-twice"; one of: wrapped, five-from-every-agent/)
    expect(controller.status().eventStyle).toBe('wrapped')
  })
})
