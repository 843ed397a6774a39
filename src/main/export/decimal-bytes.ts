import { POWERS } from '../recordings/embedded-head'

/** Below 2^33 a double's spacing is under 10^-6, so at most one decimal of ≤ 6 fraction digits reads back as it. */
const LIMIT = 2 ** 33
const DOT = 0x2e
const ZERO = 0x30
/** 10^d for d = 0…10: an integer below 2^33 has at most 10 digits. */
const TENS = Array.from({ length: 11 }, (_, d) => 10 ** d)
/** Integers below this are written in 32-bit integer arithmetic (an epoch time in seconds, until 2038); above it, in doubles. */
const INT32_LIMIT = 2 ** 31

/** Write the integer `value` (0 ≤ value < 2^33) right-aligned in `to[from, end)`, padded with leading zeros. */
function writeDigits(value: number, to: Uint8Array, from: number, end: number): void {
  if (value < INT32_LIMIT) {
    let rest = value | 0
    for (let i = end - 1; i >= from; i--) {
      const next = (rest / 10) | 0
      to[i] = ZERO + rest - next * 10
      rest = next
    }
    return
  }
  let rest = value
  for (let i = end - 1; i >= from; i--) {
    const digit = rest % 10
    to[i] = ZERO + digit
    rest = (rest - digit) / 10
  }
}

/**
 * Write `value` as ASCII into `to` at `at`, byte for byte as `${value}` (JSON.stringify) writes it,
 * and return where it ends; -1 (nothing written) when this is not the fast case. The fast case is
 * a number from 1 to 2^33 with at most 6 fraction digits, such as an epoch time in seconds to the
 * microsecond, the HAR's `time`: one per message, where turning the double into a string was a
 * third of the HAR writer's own time.
 *
 * Why the bytes are the same: JavaScript writes the shortest decimal that reads back as the
 * double. For the smallest k, n = round(value·10^k) is checked by `n / 10^k === value` (one
 * correctly rounded division of exact integers: the double that parsing n·10^-k gives). Decimals
 * of k digits are 10^-k apart, more than the doubles' spacing here, so this is the only one of k
 * digits that reads back, and none shorter does (k is the smallest); its digits are written from
 * the integer n, exactly.
 */
export function writeDecimal(value: number, to: Uint8Array, at: number): number {
  if (!(value >= 1 && value < LIMIT)) return -1
  for (let k = 0; k < POWERS.length; k++) {
    const scale = POWERS[k]
    const n = Math.round(value * scale)
    if (n / scale !== value) continue
    const fraction = n % scale
    // A fraction ending in zero would have read back with one digit less: not this k (never, but cheap to refuse).
    if (k > 0 && fraction % 10 === 0) return -1
    const whole = (n - fraction) / scale
    let digits = 1
    while (digits < TENS.length && whole >= TENS[digits]) digits++
    const end = at + digits + (k > 0 ? k + 1 : 0)
    if (end > to.length) return -1
    writeDigits(whole, to, at, at + digits)
    if (k > 0) {
      to[at + digits] = DOT
      // The fraction (below 10^6) with its leading zeros: it ends where the number ends.
      writeDigits(fraction, to, at + digits + 1, end)
    }
    return end
  }
  return -1
}
