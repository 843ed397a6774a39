// A module of its own, with no schema in it: the renderer's API clients throw it on every failed
// call, and importing it from contract.ts would put every zod schema on the renderer's first paint.

/** An error that crosses the boundary as `{code, message}`. */
export class ContractError extends Error {
  /** Machine-readable code: `invalid-request`, `unknown-method`, `not-found`, `foreign-host`, `failed`. */
  readonly code: string
  constructor(code: string, message: string) {
    super(message)
    this.name = 'ContractError'
    this.code = code
  }
}
