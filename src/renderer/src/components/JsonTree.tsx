import { JsonView, type Props } from 'react-json-view-lite'

// Our own class names so the tree follows the app's tokens instead of the library's themes.
const STYLES: NonNullable<Props['style']> = {
  container: 'jt',
  basicChildStyle: 'jt-child',
  label: 'jt-label',
  clickableLabel: 'jt-label jt-clickable',
  nullValue: 'jt-null',
  undefinedValue: 'jt-null',
  numberValue: 'jt-number',
  stringValue: 'jt-string',
  booleanValue: 'jt-boolean',
  otherValue: 'jt-other',
  punctuation: 'jt-punct',
  expandIcon: 'jt-icon jt-expand',
  collapseIcon: 'jt-icon jt-collapse',
  collapsedContent: 'jt-collapsed',
  childFieldsContainer: 'jt-children',
  noQuotesForStringValues: false,
  quotesForFieldNames: false,
  ariaLables: { collapseJson: 'collapse', expandJson: 'expand' },
  stringifyStringValues: true
}

// Three levels show a whole envelope (type → data → fields) without drowning in nested results.
const expandThreeLevels = (level: number): boolean => level < 3

/** A collapsible JSON tree of an object or array. */
export function JsonTree({ data }: { data: object }) {
  return (
    <div className="json-tree" data-testid="json-tree">
      <JsonView data={data} style={STYLES} shouldExpandNode={expandThreeLevels} clickToExpandNode />
    </div>
  )
}
