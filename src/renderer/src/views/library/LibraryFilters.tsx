import { useEffect, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { LibraryEntry } from '../../../../shared/api/library-schemas'
import { useAppStore } from '../../stores/use-app-store'

/** How long typing pauses before the search goes to the backend. */
const SEARCH_DEBOUNCE_MS = 150

/** Search box and environment / verdict / component filters of the library (filtered in the backend). */
export function LibraryFilters() {
  const { filter, facets, setFilter } = useAppStore(
    useShallow((s) => ({ filter: s.libraryFilter, facets: s.libraryFacets, setFilter: s.setLibraryFilter }))
  )
  const [text, setText] = useState(filter.text)
  useEffect(() => {
    if (text === filter.text) return
    const timer = setTimeout(() => setFilter({ text }), SEARCH_DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [text, filter.text, setFilter])

  return (
    <div className="library-filters">
      <input
        type="search"
        className="input library-search"
        placeholder="Search sessions…"
        aria-label="Search the library"
        data-testid="library-search"
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <div className="library-selects">
        <select
          className="select"
          aria-label="Environment"
          data-testid="library-filter-environment"
          value={filter.environmentId ?? ''}
          onChange={(event) => setFilter({ environmentId: event.target.value || null })}
        >
          <option value="">All environments</option>
          {facets.environments.map((environment) => (
            <option key={environment.id} value={environment.id}>
              {environment.name}
            </option>
          ))}
        </select>
        <select
          className="select"
          aria-label="Verdict"
          data-testid="library-filter-verdict"
          value={filter.verdict ?? ''}
          onChange={(event) =>
            setFilter({ verdict: (event.target.value || null) as LibraryEntry['verdict'] | null })
          }
        >
          <option value="">Any verdict</option>
          <option value="failing">failing</option>
          <option value="degraded">degraded</option>
          <option value="healthy">healthy</option>
        </select>
        <select
          className="select"
          aria-label="Component"
          data-testid="library-filter-component"
          value={filter.component ?? ''}
          onChange={(event) => setFilter({ component: event.target.value || null })}
        >
          <option value="">Any component</option>
          {facets.components.map((component) => (
            <option key={component} value={component}>
              {component}
            </option>
          ))}
        </select>
      </div>
    </div>
  )
}
