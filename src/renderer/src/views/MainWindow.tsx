import { lazy, Suspense } from 'react'
import { HostBanner } from '../components/HostBanner'
import { NoticeStack } from '../components/NoticeStack'
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
 * the right of the workspace without hiding the rest.
 */
export function MainWindow() {
  return (
    <div className="app">
      <TopBar />
      <HostBanner />
      <main className="workspace">
        <aside className="area-sidebar">
          <SessionsSidebar />
        </aside>
        <MainArea />
        <div className="area-bottom">
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
