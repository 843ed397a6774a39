import { useMemo } from 'react'
import type { Environment } from '../../../../shared/api/contract'
import {
  draftOf,
  draftProblems,
  emptyDraft,
  NEW_ENVIRONMENT,
  type DraftProblems,
  type EnvironmentDraft
} from '../../stores/environment-editor-draft'
import { useAppStore } from '../../stores/use-app-store'

/** The environment in the editor: saved state, the draft shown (edits or the saved values) and its problems. */
export type EditedEnvironment = {
  id: string | null
  isNew: boolean
  saved: Environment | null
  draft: EnvironmentDraft
  dirty: boolean
  problems: DraftProblems
}

/** Read the editor's environment from the store; derived values are memoised so selectors stay stable. */
export function useEnvironmentDraft(): EditedEnvironment {
  const id = useAppStore((state) => state.envEditorId)
  const saved = useAppStore((state) => state.environments.find((env) => env.id === state.envEditorId) ?? null)
  const stored = useAppStore((state) => (state.envEditorId ? state.envDrafts[state.envEditorId] : undefined))
  const draft = useMemo(() => stored ?? (saved ? draftOf(saved) : emptyDraft()), [stored, saved])
  const problems = useMemo(() => draftProblems(draft, saved), [draft, saved])
  return { id, isNew: id === NEW_ENVIRONMENT, saved, draft, dirty: stored !== undefined, problems }
}
