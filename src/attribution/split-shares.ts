// Largest remainder on doubles, shared by the per-journey path and the batch path so both give the
// same minor units for the same shares: one implementation, the same float operations in the same
// order. Whole minor units held in doubles are exact below 2^53; larger amounts go through
// money's bigint allocate in the per-journey path.

/**
 * Quotas this close to a whole number (relative: a few float roundings) count as whole, as exact
 * arithmetic would make them, so 0.1 + 0.2 + 0.7 of 10 gives 1, 2 and 7.
 */
const WHOLE_TOLERANCE = 1e-14

/**
 * Splits `magnitude` (a non-negative whole number) over `shares[first]` … `shares[next − 1]` into
 * `out` at the same slots: every part gets the floor of its quota, then the units left over go to
 * the largest remainders, ties to the earlier slot. `remainders` is scratch of the same length.
 * The parts sum exactly to `magnitude`; shares that are all zero split evenly.
 */
export function splitShares(
  magnitude: number,
  shares: ArrayLike<number>,
  first: number,
  next: number,
  out: Float64Array,
  remainders: Float64Array,
): void {
  if (next <= first) return
  if (next - first === 1) {
    out[first] = magnitude
    return
  }
  let shareSum = 0
  for (let slot = first; slot < next; slot++) shareSum += shares[slot]
  const isEven = !(shareSum > 0)
  let leftover = magnitude
  for (let slot = first; slot < next; slot++) {
    const quota = isEven ? magnitude / (next - first) : (magnitude * shares[slot]) / shareSum
    let whole = Math.floor(quota)
    let rest = quota - whole
    const nearest = Math.round(quota)
    if (Math.abs(quota - nearest) <= quota * WHOLE_TOLERANCE) {
      whole = nearest
      rest = 0
    }
    out[slot] = whole
    remainders[slot] = rest
    leftover -= whole
  }
  if (leftover < 0) {
    // rounding up to whole numbers overshot: plain floors cannot
    leftover = magnitude
    for (let slot = first; slot < next; slot++) {
      const quota = isEven ? magnitude / (next - first) : (magnitude * shares[slot]) / shareSum
      out[slot] = Math.floor(quota)
      remainders[slot] = quota - out[slot]
      leftover -= out[slot]
    }
  }
  // the units left over go to the largest remainders, ties to the earlier slot
  while (leftover > 0) {
    let best = -1
    for (let slot = first; slot < next; slot++) {
      if (remainders[slot] >= 0 && (best < 0 || remainders[slot] > remainders[best])) best = slot
    }
    if (best < 0) {
      // float drift left more units than parts: go round again
      for (let slot = first; slot < next; slot++) remainders[slot] = 0
      continue
    }
    out[best] += 1
    remainders[best] = -1
    leftover -= 1
  }
}

const SHARE_SCALE = 10_000_000_000

/** A share as a 10-digit decimal from its whole units of 10^−10 (see splitShares): these sum to exactly 1. */
export function formatShareUnits(units: number): string {
  const digits = String(units).padStart(11, '0')
  return `${digits.slice(0, -10)}.${digits.slice(-10)}`
}

/** Share decimals of slots first … next−1, written into `units` (whole 10^−10 units). */
export function splitShareUnits(
  shares: ArrayLike<number>,
  first: number,
  next: number,
  units: Float64Array,
  remainders: Float64Array,
): void {
  splitShares(SHARE_SCALE, shares, first, next, units, remainders)
}
