import type { EventName, MethodName } from '../shared/api/contract'

/**
 * The contract's method and event names and IPC channels, for the preload.
 *
 * The preload runs sandboxed, where only `electron` can be required: importing the contract
 * module at runtime would drag zod in as an external require and fail. So the names are listed
 * here; the compiler rejects a list missing a contract name (or holding an unknown one), and the
 * preload test checks both lists against METHOD_NAMES / EVENT_NAMES.
 */

/** Accepts `list` only if it names every member of `All` (the error shows what is missing). */
function exhaustive<All extends string>() {
  return <const Listed extends readonly All[]>(
    list: Listed &
      ([Exclude<All, Listed[number]>] extends [never] ? unknown : { missing: Exclude<All, Listed[number]> })
  ): Listed => list
}

/** Every contract method, in declaration order. */
export const BRIDGE_METHOD_NAMES = exhaustive<MethodName>()([
  'app.info',
  'environments.list',
  'sandbox.status',
  'sandbox.catalog',
  'sandbox.configure',
  'session.connect',
  'session.send',
  'session.disconnect',
  'session.list',
  'session.export',
  'session.export-file',
  'session.export-read',
  'session.records',
  'environments.save',
  'environments.remove',
  'environments.reset',
  'environments.classify',
  'credentials.list',
  'credentials.add',
  'credentials.rename',
  'credentials.remove',
  'credentials.use-memory-fallback',
  'credentials.mint-e2e',
  'isolation.run',
  'recordings.har-entries',
  'recordings.import-har',
  'messages.list',
  'messages.save',
  'messages.rename',
  'messages.remove',
  'app.reveal-path',
  'app.set-theme',
  'library.list',
  'library.rename',
  'library.delete',
  'library.restore',
  'library.reveal',
  'library.settings',
  'library.configure',
  'recordings.open',
  'recordings.upload'
])

/** Every contract event, in declaration order. */
export const BRIDGE_EVENT_NAMES = exhaustive<EventName>()([
  'session.records',
  'session.export-progress',
  'sandbox.changed',
  'sessions.changed',
  'environments.changed',
  'credentials.changed',
  'library.changed'
])

/** IPC channel of a method (same as the contract's `methodChannel`). */
export const bridgeMethodChannel = (method: MethodName): string => `netra:call:${method}`

/** IPC channel of an event (same as the contract's `eventChannel`). */
export const bridgeEventChannel = (event: EventName): string => `netra:event:${event}`
