/** The renderer's coarse spans and instants: the shared formatter's (src/shared/format/relative-time). */
export { expiryText, formatDateTime, formatSpan, formatUtc, relativeTime } from '../../../shared/format/relative-time'
