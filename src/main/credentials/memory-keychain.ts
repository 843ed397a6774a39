import type { Keychain } from './keychain'

/**
 * Secrets held in main-process memory for this run only: the opted-in fallback when the OS
 * keychain is unavailable, and minted session tokens. Never written anywhere.
 */
export class MemoryKeychain implements Keychain {
  readonly description = 'memory (this run only)'
  private readonly secrets = new Map<string, string>()

  async get(account: string): Promise<string | null> {
    return this.secrets.get(account) ?? null
  }

  async set(account: string, secret: string): Promise<void> {
    this.secrets.set(account, secret)
  }

  async delete(account: string): Promise<boolean> {
    return this.secrets.delete(account)
  }

  /** Forget every secret (backend disposal). */
  clear(): void {
    this.secrets.clear()
  }
}
