/** Best of `runs` wall-clock timings in milliseconds (the first run also warms the JIT). */
export function timeBest<T>(runs: number, task: () => T): { ms: number; result: T } {
  let best = Number.POSITIVE_INFINITY
  let result: T | undefined
  for (let run = 0; run < runs; run++) {
    const started = performance.now()
    result = task()
    best = Math.min(best, performance.now() - started)
  }
  if (result === undefined) throw new Error('timeBest needs at least one run')
  return { ms: Math.round(best * 10) / 10, result }
}

/** The value at or below which p% of the sorted values fall (nearest rank). */
export const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!

export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024)
}
