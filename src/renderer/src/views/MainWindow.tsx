import { lazy, Suspense, type CSSProperties } from 'react'
import { HostBanner } from '../components/HostBanner'
import { NoticeStack } from '../components/NoticeStack'
import { ResizeHandle } from '../components/resizable/ResizeHandle'
import { useAppStore } from '../stores/use-app-store'
import { ClosePanel } from './ClosePanel'
import { HandshakePanel } from './HandshakePanel'
import { MainArea } from './overview/MainArea'
import { RunsTimeline } from './RunsTimeline'
import { SessionsSidebar } from './SessionsSidebar'
import { TopBar } from './TopBar'

// The side panels (sandbox, environments, credentials, isolation) are not needed for a first paint:
// their code, and the schemas the environment editor validates with, load when one is first opened.
const DrawerHost = lazy(() => import('./DrawerHost').then((module) => ({ default: module.DrawerHost })))

/**
 * The one window: sessions at the left, the Overview or the frames (tabs) in the middle, and
 * along the bottom the handshake, the runs timeline and the close — all visible at once,
 * because a diagnosis reads across them. Side panels (the sandbox's, later others) slide over
 * the right of the workspace without hiding the rest. The sidebar and the bottom panels can be
 * resized and collapsed; the sizes only set CSS variables, and the grid keeps them within the window.
 */
export function MainWindow() {
  const { sidebar, bottom } = useAppStore((state) => state.panels)
  const sizes = { '--sidebar-w': `${sidebar.size}px`, '--bottom-h': `${bottom.size}px` } as CSSProperties
  const classes = ['workspace', sidebar.collapsed ? 'sidebar-collapsed' : '', bottom.collapsed ? 'bottom-collapsed' : '']
  return (
    <div className="app">
      <TopBar />
      <HostBanner />
      <main className={classes.filter(Boolean).join(' ')} style={sizes} data-testid="workspace">
        <aside className="area-sidebar" id="area-sidebar" aria-label="Sessions" hidden={sidebar.collapsed}>
          <SessionsSidebar />
        </aside>
        <ResizeHandle panel="sidebar" controls="area-sidebar" label="Sessions width" edge="right" />
        <MainArea />
        <ResizeHandle panel="bottom" controls="area-bottom" label="Bottom panels height" edge="top" />
        <div className="area-bottom" id="area-bottom" hidden={bottom.collapsed}>
          <HandshakePanel />
          <RunsTimeline />
          <ClosePanel />
        </div>
        <Suspense fallback={null}>
          <DrawerHost />
        </Suspense>
      </main>
      <NoticeStack />
    </div>
  )
}
