import { lazy, Suspense } from 'react'
import { Composer } from '../Composer'
import { FrameDetail } from '../FrameDetail'
import { FramesPane } from '../FramesPane'
import { useAppStore } from '../../stores/use-app-store'
import { ReplayControls } from '../replay/ReplayControls'
import { MainTabs } from './MainTabs'
import { OverviewPane } from './OverviewPane'

// The Report and Timeline tabs load when first opened: a first paint shows the Overview.
const ReportPane = lazy(() => import('../report/ReportPane').then((module) => ({ default: module.ReportPane })))
const TimelinePane = lazy(() => import('../timeline/TimelinePane').then((module) => ({ default: module.TimelinePane })))

/**
 * The main area: the Overview, or the frame list beside the selected frame. The composer sits
 * under either at the same place in the tree, so a half-typed message survives a tab switch.
 */
export function MainArea() {
  const tab = useAppStore((state) => state.mainTab)
  return (
    <div className={`area-main main-${tab}`} data-testid="main-area" data-tab={tab}>
      <MainTabs />
      <ReplayControls />
      {tab === 'overview' ? (
        <div className="area-overview" role="tabpanel" id="main-panel-overview" aria-labelledby="main-tab-overview">
          <OverviewPane />
        </div>
      ) : null}
      {tab === 'frames' ? (
        <div className="area-frames" role="tabpanel" id="main-panel-frames" aria-labelledby="main-tab-frames">
          <FramesPane />
        </div>
      ) : null}
      {tab === 'report' || tab === 'timeline' ? (
        <div className="area-overview" role="tabpanel" id={`main-panel-${tab}`} aria-labelledby={`main-tab-${tab}`}>
          <Suspense fallback={<p className="muted">Loading…</p>}>{tab === 'report' ? <ReportPane /> : <TimelinePane />}</Suspense>
        </div>
      ) : null}
      {tab === 'frames' ? (
        <div className="area-detail">
          <FrameDetail />
        </div>
      ) : null}
      <div className="area-composer">
        <Composer />
      </div>
    </div>
  )
}
