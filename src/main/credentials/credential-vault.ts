import { randomBytes } from 'node:crypto'
import { ContractError } from '../../shared/api/contract'
import type { CredentialInfo, CredentialKind, KeychainStatus } from '../../shared/api/credential-schemas'
import type { SecretRedactor } from '../../shared/session-log/secret-redactor'
import { CredentialMetadataStore, type StoredCredential } from './credential-metadata-store'
import { claimsForKind, expiryOf } from './jwt-claims'
import { keychainAccount, type Keychain } from './keychain'
import { classifyKeychainError, type KeychainError } from './keychain-error'
import { probeKeychain, type KeychainProbe } from './keychain-probe'
import { MemoryKeychain } from './memory-keychain'

/** What the vault is built from. */
export type CredentialVaultOptions = {
  /** Where credentials.json lives; null keeps metadata in memory (tests, one-off runs). */
  dataDir: string | null
  /** The persistent secret store: the OS keychain in every host. */
  keychain: Keychain
  /** The backend's one redactor: every secret the vault touches is registered with it. */
  redactor: SecretRedactor
  now?: () => number
}

/** A new credential on its way in. */
export type NewCredential = { environmentId: string; label: string; kind: CredentialKind; secret: string }

type Entry = StoredCredential & { storage: CredentialInfo['storage'] }

/** The UI can offer the fallback; the message says so. */
const unavailable = (error: KeychainError): ContractError =>
  new ContractError('keychain-unavailable', `${error.message}. Or keep secrets in memory for this run only (credentials.use-memory-fallback).`)

/**
 * Every credential of this backend: metadata in credentials.json, secrets in the OS keychain
 * (account `<environmentId>/<label>`), or — when the user opts in, and for minted session
 * tokens — in main-process memory for this run. Secrets leave the vault only through
 * `secretOf`, for the main process; every secret it sees is registered with the redactor first.
 */
export class CredentialVault {
  private readonly memory = new MemoryKeychain()
  private readonly sessionOnly = new Map<string, StoredCredential>()
  private readonly metadata: CredentialMetadataStore
  private memoryFallback = false
  private probe: KeychainProbe | null = null
  /** One probe at a time: two concurrent probes would delete each other's entry and look "locked". */
  private probing: Promise<KeychainProbe> | null = null
  private readonly now: () => number

  constructor(private readonly options: CredentialVaultOptions) {
    this.metadata = new CredentialMetadataStore(options.dataDir)
    this.now = options.now ?? Date.now
  }

  /** The keychain's state; probes it unless it is already known to work. */
  async keychainStatus(): Promise<KeychainStatus> {
    if (!this.probe?.available) this.probe = await this.reprobe()
    const error = this.probe.error
    return {
      available: this.probe.available,
      reason: error?.reason ?? null,
      cause: error?.cause ?? null,
      fix: error?.fix ?? null,
      memoryFallback: this.memoryFallback
    }
  }

  private reprobe(): Promise<KeychainProbe> {
    this.probing ??= probeKeychain(this.options.keychain).finally(() => (this.probing = null))
    return this.probing
  }

  /** Remember a failure so the next status shows it (and the next list probes again). */
  private failed(error: unknown): ContractError {
    const classified = classifyKeychainError(error)
    this.probe = { available: false, error: classified }
    return unavailable(classified)
  }

  private entries(): Entry[] {
    const stored = this.metadata.list().map((entry): Entry => ({ ...entry, storage: 'keychain' }))
    const memory = [...this.sessionOnly.values()].map((entry): Entry => ({ ...entry, storage: 'memory' }))
    return [...stored, ...memory].sort((a, b) => a.environmentId.localeCompare(b.environmentId) || a.label.localeCompare(b.label))
  }

  private info(entry: Entry): CredentialInfo {
    const { id, label, kind, environmentId, createdAt, claims, storage } = entry
    return { id, label, kind, environmentId, createdAt, storage, claims, ...expiryOf(claims, this.now()) }
  }

  private find(id: string): Entry {
    const entry = this.entries().find((candidate) => candidate.id === id)
    if (!entry) throw new ContractError('not-found', `no credential with id ${id}`)
    return entry
  }

  /** Does the environment already have a credential with this label? */
  labelTaken(environmentId: string, label: string): boolean {
    return this.entries().some((entry) => entry.environmentId === environmentId && entry.label === label)
  }

  /** Labels of an environment's credentials. */
  labelsOf(environmentId: string): string[] {
    return this.entries()
      .filter((entry) => entry.environmentId === environmentId)
      .map((entry) => entry.label)
  }

  private checkLabelFree(environmentId: string, label: string): void {
    if (this.labelTaken(environmentId, label))
      throw new ContractError('invalid-request', `environment ${environmentId} already has a credential labelled "${label}"`)
  }

  /** Every credential (never a secret), the keychain's state and any problem reading credentials.json. */
  async list(): Promise<{ credentials: CredentialInfo[]; keychain: KeychainStatus; loadError?: string }> {
    const keychain = await this.keychainStatus()
    const credentials = this.entries().map((entry) => this.info(entry))
    // After reading: a corrupt file is only discovered (and moved aside) by the read.
    const loadError = this.metadata.loadError
    return { credentials, keychain, ...(loadError ? { loadError } : {}) }
  }

  /** Opt into (or out of) keeping new secrets in memory while the keychain is unavailable. */
  async setMemoryFallback(enabled: boolean): Promise<KeychainStatus> {
    this.memoryFallback = enabled
    return this.keychainStatus()
  }

  /**
   * Store a new credential: in the keychain when it works; otherwise in memory if the user opted in;
   * otherwise refuse with the keychain's cause and fix. `sessionOnly` (minted tokens) always uses memory.
   */
  async add(credential: NewCredential, sessionOnly = false): Promise<CredentialInfo> {
    const secret = credential.secret.trim()
    // Registered before anything can fail, so no error message or log can carry it.
    this.options.redactor.add(secret)
    let claims
    try {
      claims = claimsForKind(credential.kind, secret)
    } catch (error) {
      throw new ContractError('invalid-request', (error as Error).message)
    }
    this.checkLabelFree(credential.environmentId, credential.label)
    const entry: StoredCredential = {
      id: `c-${randomBytes(6).toString('hex')}`,
      label: credential.label,
      kind: credential.kind,
      environmentId: credential.environmentId,
      createdAt: this.now(),
      claims
    }
    const status = sessionOnly ? null : await this.keychainStatus()
    if (status?.available) {
      try {
        await this.options.keychain.set(keychainAccount(entry.environmentId, entry.label), secret)
      } catch (error) {
        const refusal = this.failed(error)
        if (!this.memoryFallback) throw refusal
        return this.keepInMemory(entry, secret)
      }
      this.metadata.put(entry)
      return this.info({ ...entry, storage: 'keychain' })
    }
    if (status && !this.memoryFallback) throw unavailable(this.probe?.error as KeychainError)
    return this.keepInMemory(entry, secret)
  }

  private async keepInMemory(entry: StoredCredential, secret: string): Promise<CredentialInfo> {
    await this.memory.set(entry.id, secret)
    this.sessionOnly.set(entry.id, entry)
    return this.info({ ...entry, storage: 'memory' })
  }

  /** Give a credential a new label; a keychain entry moves to the new account (old one deleted last). */
  async rename(id: string, label: string): Promise<CredentialInfo> {
    const entry = this.find(id)
    if (entry.label === label) return this.info(entry)
    this.checkLabelFree(entry.environmentId, label)
    const renamed: StoredCredential = { id, label, kind: entry.kind, environmentId: entry.environmentId, createdAt: entry.createdAt, claims: entry.claims }
    if (entry.storage === 'memory') {
      this.sessionOnly.set(id, renamed)
      return this.info({ ...renamed, storage: 'memory' })
    }
    const keychain = this.options.keychain
    const from = keychainAccount(entry.environmentId, entry.label)
    const to = keychainAccount(entry.environmentId, label)
    const secret = await this.readKeychain(entry)
    try {
      await keychain.set(to, secret)
    } catch (error) {
      throw this.failed(error)
    }
    try {
      await keychain.delete(from)
    } catch (error) {
      // Leave things as they were rather than with two entries.
      await keychain.delete(to).catch(() => false)
      throw this.failed(error)
    }
    this.metadata.put(renamed)
    return this.info({ ...renamed, storage: 'keychain' })
  }

  /** Delete a credential and its secret. A keychain failure keeps the metadata, so nothing is orphaned. */
  async remove(id: string): Promise<void> {
    const entry = this.find(id)
    if (entry.storage === 'memory') {
      await this.memory.delete(id)
      this.sessionOnly.delete(id)
      return
    }
    try {
      await this.options.keychain.delete(keychainAccount(entry.environmentId, entry.label))
    } catch (error) {
      throw this.failed(error)
    }
    this.metadata.remove(id)
  }

  private async readKeychain(entry: Entry): Promise<string> {
    let secret: string | null
    try {
      secret = await this.options.keychain.get(keychainAccount(entry.environmentId, entry.label))
    } catch (error) {
      throw this.failed(error)
    }
    if (secret !== null) return secret
    // A locked libsecret collection reads as "nothing there": probe before blaming the entry.
    this.probe = await this.reprobe()
    if (!this.probe.available) throw unavailable(this.probe.error)
    throw new ContractError('not-found', `the secret of credential "${entry.label}" (${entry.environmentId}) is not in the keychain any more (removed outside the app?); add it again`)
  }

  /** A credential's description, without reading its secret (to decide whether it may be used at all). */
  describe(id: string): CredentialInfo {
    return this.info(this.find(id))
  }

  /** The credential's description and its secret — for the main process only (sessions, minting). */
  async secretOf(id: string): Promise<{ credential: CredentialInfo; secret: string }> {
    const entry = this.find(id)
    const secret = entry.storage === 'memory' ? await this.memory.get(id) : await this.readKeychain(entry)
    if (secret === null) throw new ContractError('not-found', `the secret of credential "${entry.label}" is gone (session-only secrets end with the run)`)
    this.options.redactor.add(secret)
    return { credential: this.info(entry), secret }
  }

  /** The access token of a credential for a session, and where it came from (for the token evidence). */
  async accessTokenFor(id: string): Promise<{ token: string; source: string }> {
    const { credential, secret } = await this.secretOf(id)
    if (credential.kind !== 'access-token')
      throw new ContractError('invalid-request', `credential "${credential.label}" is a ${credential.kind}; a session needs an access-token credential`)
    return { token: secret, source: `credential:${credential.label}` }
  }

  /** Forget every session-only secret. */
  dispose(): void {
    this.memory.clear()
    this.sessionOnly.clear()
  }
}
