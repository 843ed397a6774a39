import { contextBridge, ipcRenderer, webUtils } from 'electron'
import { buildNetraBridge } from './expose-contract'

/**
 * Preload (sandboxed, context-isolated): exposes the contract as `window.netra` and nothing else.
 * Every call and subscription goes through the bridge built from the contract's names.
 */
contextBridge.exposeInMainWorld('netra', buildNetraBridge(ipcRenderer))
// Issue 11: a picked or dropped file's path (the page cannot see paths); the main process validates it on `recordings.open`.
contextBridge.exposeInMainWorld('netraFiles', { pathForFile: (file: File): string => webUtils.getPathForFile(file) })
