/** Settings on disk: the data folder, atomic JSON files, the environment store, saved composer messages. */
export { DATA_DIR_NAME, defaultDataDir } from './default-data-dir'
export { ENVIRONMENTS_FILE, EnvironmentStore } from './environment-store'
export { readJsonFile, writeJsonAtomic, type JsonFileRead } from './json-file'
export { SAVED_MESSAGES_FILE, SavedMessageStore, type SavedMessageInput } from './saved-message-store'
