import { HostBanner } from '../components/HostBanner'
import { NoticeStack } from '../components/NoticeStack'
import { ClosePanel } from './ClosePanel'
import { Composer } from './Composer'
import { DrawerHost } from './DrawerHost'
import { FrameDetail } from './FrameDetail'
import { FramesPane } from './FramesPane'
import { HandshakePanel } from './HandshakePanel'
import { RunsTimeline } from './RunsTimeline'
import { SessionsSidebar } from './SessionsSidebar'
import { TopBar } from './TopBar'

/**
 * The one window: sessions at the left, frames and the selected frame side by side, and
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
        <div className="area-frames">
          <FramesPane />
          <Composer />
        </div>
        <div className="area-detail">
          <FrameDetail />
        </div>
        <div className="area-bottom">
          <HandshakePanel />
          <RunsTimeline />
          <ClosePanel />
        </div>
        <DrawerHost />
      </main>
      <NoticeStack />
    </div>
  )
}
