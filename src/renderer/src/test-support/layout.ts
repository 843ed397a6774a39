/**
 * jsdom does no layout, so every element measures 0×0 and a virtual list would render
 * nothing. Give elements a fixed size (what the virtualiser reads: offsetWidth/Height)
 * for the duration of a test; returns the restore function.
 */
export function fakeElementSize(width: number, height: number): () => void {
  const proto = HTMLElement.prototype
  const saved = {
    width: Object.getOwnPropertyDescriptor(proto, 'offsetWidth'),
    height: Object.getOwnPropertyDescriptor(proto, 'offsetHeight')
  }
  Object.defineProperty(proto, 'offsetWidth', { configurable: true, get: () => width })
  Object.defineProperty(proto, 'offsetHeight', { configurable: true, get: () => height })
  return () => {
    if (saved.width) Object.defineProperty(proto, 'offsetWidth', saved.width)
    if (saved.height) Object.defineProperty(proto, 'offsetHeight', saved.height)
  }
}
