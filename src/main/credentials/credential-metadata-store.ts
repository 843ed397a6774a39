import { join } from 'node:path'
import { z } from 'zod'
import { CredentialClaimsSchema, CredentialKindSchema } from '../../shared/api/credential-schemas'
import { readJsonFile, writeJsonAtomic } from '../settings/json-file'

/** File name of the credential metadata inside the data folder. It never holds a secret. */
export const CREDENTIALS_FILE = 'credentials.json'

/** What is kept on disk about a credential stored in the keychain: never the secret. */
export const StoredCredentialSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    kind: CredentialKindSchema,
    environmentId: z.string(),
    createdAt: z.number(),
    claims: CredentialClaimsSchema.nullable()
  })
  .strip()
/** Non-secret metadata of a credential. */
export type StoredCredential = z.infer<typeof StoredCredentialSchema>

const FileSchema = z.object({ version: z.literal(1), credentials: z.array(StoredCredentialSchema) }).loose()
type CredentialsFile = z.infer<typeof FileSchema>
const emptyFile = (): CredentialsFile => ({ version: 1, credentials: [] })

/**
 * `<dataDir>/credentials.json`: ids, labels, kinds, environments and non-secret claims of the
 * credentials whose secrets sit in the OS keychain. Re-read on every call (another host may have
 * changed it), written atomically with mode 0600. `.strip()` on entries means a field that is not
 * in the schema can never be written back, whatever an object carried.
 */
export class CredentialMetadataStore {
  private memory = emptyFile()
  private problem: string | null = null

  constructor(private readonly dataDir: string | null) {}

  /** The metadata file, or null when metadata lives in memory. */
  get file(): string | null {
    return this.dataDir === null ? null : join(this.dataDir, CREDENTIALS_FILE)
  }

  /** Why the file could not be used in this run, if it could not. */
  get loadError(): string | undefined {
    return this.problem ?? undefined
  }

  private read(): CredentialsFile {
    const file = this.file
    if (file === null) return this.memory
    const { value, problem } = readJsonFile(file, FileSchema, emptyFile)
    if (problem) this.problem = problem
    return value
  }

  private write(data: CredentialsFile): void {
    const clean = { ...data, credentials: data.credentials.map((entry) => StoredCredentialSchema.parse(entry)) }
    const file = this.file
    if (file === null) this.memory = clean
    else writeJsonAtomic(file, clean)
  }

  /** Every stored credential. */
  list(): StoredCredential[] {
    return this.read().credentials
  }

  /** Add or replace (by id) one entry. */
  put(entry: StoredCredential): void {
    const data = this.read()
    const index = data.credentials.findIndex((candidate) => candidate.id === entry.id)
    if (index >= 0) data.credentials[index] = entry
    else data.credentials.push(entry)
    this.write(data)
  }

  /** Remove one entry; true when it existed. */
  remove(id: string): boolean {
    const data = this.read()
    const kept = data.credentials.filter((entry) => entry.id !== id)
    if (kept.length === data.credentials.length) return false
    this.write({ ...data, credentials: kept })
    return true
  }
}
