// A partner's credit by month as chart rows: one row per month (gaps filled, so a quiet month shows
// as nothing rather than vanishing), one number per model, in minor units of one currency.
import type { PartnerHistoryView } from '../../../../src/modules/credits/figures.contract'

export type Measure = 'won' | 'pipeline'

/** The currencies the partner has credit in, the one with most months first. */
export function historyCurrencies(view: PartnerHistoryView): string[] {
  const months = new Map<string, number>()
  for (const row of view.months) months.set(row.currency, (months.get(row.currency) ?? 0) + 1)
  return [...months.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c)
}

const nextMonth = (month: string): string => {
  const [year, m] = month.split('-').map(Number) as [number, number]
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`
}

/** Rows keyed by model name; months without credit are zero so the lines do not skip them. */
export function historyRows(
  view: PartnerHistoryView,
  currency: string,
  measure: Measure,
): Record<string, string | number>[] {
  const rows = view.months.filter((row) => row.currency === currency)
  if (rows.length === 0) return []
  const names = new Map(view.models.map((m) => [m.id, m.name]))
  const months = rows.map((row) => row.month).sort()
  const first = months[0]!
  const last = months.at(-1)!
  const byMonth = new Map<string, Record<string, string | number>>()
  for (let month = first; month <= last; month = nextMonth(month)) {
    byMonth.set(month, { month, ...Object.fromEntries(view.models.map((m) => [m.name, 0])) })
  }
  for (const row of rows) {
    const name = names.get(row.modelId)
    const target = byMonth.get(row.month)
    if (name && target) target[name] = Number(row[measure].amountMinor)
  }
  return [...byMonth.values()]
}
