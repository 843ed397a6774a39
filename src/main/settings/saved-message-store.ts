import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { z } from 'zod'
import { ContractError } from '../../shared/api/contract'
import { MAX_SAVED_MESSAGES, SavedMessageModeSchema, type SavedMessage } from '../../shared/api/saved-message-schemas'
import { readJsonFile, writeJsonAtomic } from './json-file'

/** File name of the composer's saved messages inside the data folder (next to environments.json). */
export const SAVED_MESSAGES_FILE = 'saved-messages.json'

// Read leniently (unknown keys kept), like environments.json: a newer version's extra field is not "corrupt".
const StoredMessageSchema = z.object({ id: z.string(), name: z.string(), text: z.string(), mode: SavedMessageModeSchema, savedAt: z.string() }).loose()
const FileSchema = z.object({ version: z.literal(1), environments: z.record(z.string(), z.array(StoredMessageSchema)) }).loose()
type SavedMessagesFile = z.infer<typeof FileSchema>

const emptyFile = (): SavedMessagesFile => ({ version: 1, environments: {} })

/** Names are matched as the user reads them: "Costs" and "costs " are the same entry. */
const sameName = (a: string, b: string): boolean => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase()

const byName = (a: SavedMessage, b: SavedMessage): number => a.name.localeCompare(b.name)

/** Only the known fields leave the store (a hand-added key stays in the file, not in answers). */
const publicOf = ({ id, name, text, mode, savedAt }: SavedMessage): SavedMessage => ({ id, name, text, mode, savedAt })

/** What a save asks for; the secret check happens before, in the handler, where the secrets are. */
export type SavedMessageInput = { name: string; text: string; mode: SavedMessage['mode']; replace?: boolean }

/**
 * The composer's saved messages, per environment, in `<dataDir>/saved-messages.json` (atomic writes,
 * 0600). Re-read on every call so the app, the web host and another window see each other's saves.
 * Without a data folder (tests, one-off runs) the messages live in memory only.
 */
export class SavedMessageStore {
  private memory = emptyFile()
  private problem: string | null = null

  constructor(
    private readonly dataDir: string | null,
    private readonly now: () => Date = () => new Date()
  ) {}

  /** The settings file, or null when saved messages live in memory. */
  get file(): string | null {
    return this.dataDir === null ? null : join(this.dataDir, SAVED_MESSAGES_FILE)
  }

  /** Why the file could not be used in this run, if it could not (it was moved aside; nothing lost). */
  get loadError(): string | undefined {
    return this.problem ?? undefined
  }

  private read(): SavedMessagesFile {
    const file = this.file
    if (file === null) return this.memory
    const { value, problem } = readJsonFile(file, FileSchema, emptyFile, this.now)
    if (problem) this.problem = problem
    return value
  }

  private write(data: SavedMessagesFile): void {
    const file = this.file
    if (file === null) this.memory = data
    else writeJsonAtomic(file, data, 0o600)
  }

  /** An environment's saved messages, by name. */
  list(environmentId: string): SavedMessage[] {
    return (this.read().environments[environmentId] ?? []).map(publicOf).sort(byName)
  }

  /** Save a message under a name; a taken name is refused unless `replace`, which keeps the entry's id. */
  save(environmentId: string, input: SavedMessageInput): SavedMessage {
    const data = this.read()
    const messages = data.environments[environmentId] ?? []
    const name = input.name.trim()
    const index = messages.findIndex((message) => sameName(message.name, name))
    if (index >= 0 && !input.replace)
      throw new ContractError('invalid-request', `a saved message named "${messages[index].name}" already exists; replace it or choose another name`)
    if (index < 0 && messages.length >= MAX_SAVED_MESSAGES)
      throw new ContractError('invalid-request', `this environment already has ${MAX_SAVED_MESSAGES} saved messages; delete some first`)
    const saved: SavedMessage = {
      id: index >= 0 ? messages[index].id : `m-${randomBytes(6).toString('hex')}`,
      name,
      text: input.text,
      mode: input.mode,
      savedAt: this.now().toISOString()
    }
    if (index >= 0) messages[index] = { ...messages[index], ...saved }
    else messages.push(saved)
    data.environments[environmentId] = messages
    this.write(data)
    return saved
  }

  /** Give a saved message a new name (not one another message of the environment has). */
  rename(environmentId: string, id: string, newName: string): SavedMessage {
    const data = this.read()
    const messages = data.environments[environmentId] ?? []
    const index = this.indexOf(messages, environmentId, id)
    const name = newName.trim()
    const clash = messages.find((message) => message.id !== id && sameName(message.name, name))
    if (clash) throw new ContractError('invalid-request', `a saved message named "${clash.name}" already exists`)
    messages[index] = { ...messages[index], name, savedAt: this.now().toISOString() }
    this.write(data)
    return publicOf(messages[index])
  }

  /** Delete a saved message. */
  remove(environmentId: string, id: string): void {
    const data = this.read()
    const messages = data.environments[environmentId] ?? []
    messages.splice(this.indexOf(messages, environmentId, id), 1)
    if (messages.length === 0) delete data.environments[environmentId]
    this.write(data)
  }

  private indexOf(messages: SavedMessage[], environmentId: string, id: string): number {
    const index = messages.findIndex((message) => message.id === id)
    if (index < 0) throw new ContractError('not-found', `no saved message with id ${id} in environment ${environmentId}`)
    return index
  }
}
