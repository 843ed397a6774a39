import type { JsonFrame } from './wire-frames'

function isObject(value: unknown): value is JsonFrame {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * The objects of a frame where PROTOCOL.md §3 lets a field live: the top level, `data`, a
 * wrapper's `data.payload`, a beta-10 `payload`, and the nested `data` of each. Returned by
 * reference, so an edit of a copy (see `editFrame`) changes the field wherever it sits.
 */
export function frameLayers(frame: JsonFrame): JsonFrame[] {
  const layers: JsonFrame[] = [frame]
  const add = (value: unknown): void => {
    if (!isObject(value) || layers.includes(value)) return
    layers.push(value)
    if (isObject(value.data) && !layers.includes(value.data)) layers.push(value.data)
  }
  add(frame.data)
  if (isObject(frame.data)) add(frame.data.payload)
  add(frame.payload)
  return layers
}

/** A deep copy of `frame` with `edit` applied to each of its layers. */
export function editFrame(frame: JsonFrame, edit: (layer: JsonFrame, depth: number) => void): JsonFrame {
  const copy = structuredClone(frame)
  frameLayers(copy).forEach(edit)
  return copy
}
