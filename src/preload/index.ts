import { contextBridge, ipcRenderer } from 'electron'
import { buildNetraBridge } from './expose-contract'

/**
 * Preload (sandboxed, context-isolated): exposes the contract as `window.netra` and nothing else.
 * Every call and subscription goes through the bridge built from the contract's names.
 */
contextBridge.exposeInMainWorld('netra', buildNetraBridge(ipcRenderer))
