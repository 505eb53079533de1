// The comparison's rows for one currency: bars per model, and who wins or loses when switching
// away from the paying model.
import type { ComparisonView } from '../../../../src/modules/credits/figures.contract'
import { minorDigits } from '../../ui/money'
import { actorName } from './credit-math'

type Row = ComparisonView['rows'][number]
export type Mover = { actor: string; name: string; isPartner: boolean; deltaMinor: bigint; currency: string }

export const currenciesOf = (rows: Row[]): string[] => {
  const counts = new Map<string, number>()
  for (const row of rows) counts.set(row.currency, (counts.get(row.currency) ?? 0) + 1)
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([currency]) => currency)
}

const minor = (value: string | undefined): bigint => BigInt(value ?? '0')

/** One chart row per actor (largest under the paying model first), values in major units for drawing. */
export function chartRows(
  comparison: ComparisonView,
  currency: string,
  limit: number,
): Array<Record<string, string | number>> {
  const paying = comparison.models.find((model) => model.role === 'paying')
  const scale = 10 ** minorDigits(currency)
  return comparison.rows
    .filter((row) => row.currency === currency)
    .sort((a, b) => {
      const left = minor(paying ? a.wonByModel[paying.id] : undefined)
      const right = minor(paying ? b.wonByModel[paying.id] : undefined)
      return left === right ? 0 : left > right ? -1 : 1
    })
    .slice(0, limit)
    .map((row) => {
      const point: Record<string, string | number> = { actor: actorName(row) }
      for (const model of comparison.models)
        point[model.name] = Number(minor(row.wonByModel[model.id])) / scale
      return point
    })
}

/** Who gains most and who loses most if `modelId` were paying, in the given currency. */
export function movers(
  comparison: ComparisonView,
  currency: string,
  modelId: string,
  count = 5,
): { winners: Mover[]; losers: Mover[] } {
  const all = comparison.rows
    .filter((row) => row.currency === currency)
    .map((row) => ({
      actor: row.actor,
      name: actorName(row),
      isPartner: row.actor !== 'direct',
      deltaMinor: minor(row.deltaFromPaying[modelId]),
      currency,
    }))
  const byDelta = [...all].sort((a, b) =>
    a.deltaMinor === b.deltaMinor ? 0 : a.deltaMinor > b.deltaMinor ? -1 : 1,
  )
  return {
    winners: byDelta.filter((mover) => mover.deltaMinor > 0n).slice(0, count),
    losers: byDelta
      .filter((mover) => mover.deltaMinor < 0n)
      .reverse()
      .slice(0, count),
  }
}
