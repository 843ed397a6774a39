import type { ComponentType } from 'react'
import type { DrawerId } from '../stores/ui-slice'
import { useAppStore } from '../stores/use-app-store'
import { IsolationMatrix } from './isolation/IsolationMatrix'
import { SandboxPanel } from './sandbox/SandboxPanel'
import { CredentialsPanel } from './settings/CredentialsPanel'
import { EnvironmentsPanel } from './settings/EnvironmentsPanel'

// One entry per side panel: adding a screen is a new DrawerId and a line here.
const DRAWERS: Record<DrawerId, ComponentType> = {
  sandbox: SandboxPanel,
  environments: EnvironmentsPanel,
  credentials: CredentialsPanel,
  isolation: IsolationMatrix
}

/** Renders the open side panel, if any, over the right of the workspace. */
export function DrawerHost() {
  const drawer = useAppStore((state) => state.drawer)
  if (!drawer) return null
  const Content = DRAWERS[drawer]
  return <Content />
}
