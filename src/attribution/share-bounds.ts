export interface ShareBounds {
  min: number
  max: number
  /** When set, the actor gets exactly this share. */
  fixed?: number
}

export interface BoundedShares {
  shares: Map<string, number>
  /** What no actor could take because every one hit its maximum; it goes to direct. */
  unallocated: number
  notes: string[]
}

/**
 * Fixed shares first; the rest is split in proportion to the weighted shares, each clamped to its
 * [min, max]: find λ with Σ clamp(λ·sᵢ, minᵢ, maxᵢ) = rest by bisection (the sum is monotone in λ).
 */
export function boundShares(
  weighted: ReadonlyMap<string, number>,
  bounds: ReadonlyMap<string, ShareBounds>,
): BoundedShares {
  const notes: string[] = []
  const shares = new Map<string, number>()
  let fixedTotal = 0
  for (const [actor] of weighted) {
    const fixed = bounds.get(actor)?.fixed
    if (fixed !== undefined) fixedTotal += fixed
  }
  const fixedScale = fixedTotal > 1 ? 1 / fixedTotal : 1
  if (fixedTotal > 1) notes.push('Fixed shares added up to more than 100%, so they were scaled down to fit.')
  const free: { actor: string; weight: number; min: number; max: number }[] = []
  for (const [actor, weight] of weighted) {
    const bound = bounds.get(actor)
    if (bound?.fixed !== undefined) shares.set(actor, bound.fixed * fixedScale)
    else free.push({ actor, weight, min: bound?.min ?? 0, max: Math.max(bound?.min ?? 0, bound?.max ?? 1) })
  }
  const rest = Math.max(0, 1 - Math.min(1, fixedTotal))
  const minTotal = free.reduce((sum, entry) => sum + entry.min, 0)
  const reachable = free.reduce((sum, entry) => sum + (entry.weight > 0 ? entry.max : entry.min), 0)
  if (minTotal >= rest) {
    if (minTotal > rest + 1e-12)
      notes.push('Minimum shares added up to more than what was left, so they were scaled down.')
    for (const entry of free) shares.set(entry.actor, minTotal > 0 ? (entry.min * rest) / minTotal : 0)
    return { shares, unallocated: minTotal > 0 ? 0 : rest, notes }
  }
  if (reachable <= rest) {
    for (const entry of free) shares.set(entry.actor, entry.weight > 0 ? entry.max : entry.min)
    return { shares, unallocated: rest - reachable, notes }
  }
  const sumAt = (lambda: number) =>
    free.reduce((sum, entry) => sum + Math.min(entry.max, Math.max(entry.min, lambda * entry.weight)), 0)
  let low = 0
  let high = 1
  while (sumAt(high) < rest) high *= 2
  for (let step = 0; step < 200 && high - low > 1e-15 * high; step++) {
    const middle = (low + high) / 2
    if (sumAt(middle) < rest) low = middle
    else high = middle
  }
  for (const entry of free)
    shares.set(entry.actor, Math.min(entry.max, Math.max(entry.min, high * entry.weight)))
  return { shares, unallocated: 0, notes }
}
