import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { createClient } from './api/create-client'
import { bindEvents } from './stores/bind-events'
import { createAppStore, type AppStore } from './stores/create-app-store'
import './styles.css'

const connection = createClient(window)
let store: AppStore | null = null
if (connection.kind !== 'unavailable') {
  store = createAppStore(connection.client)
  // Bound once for the window's lifetime, outside React, so StrictMode's double effects cannot bind twice.
  bindEvents(connection, store)
}

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <App connection={connection} store={store} />
  </StrictMode>
)
