// The filter every credit figure is read under: a model (the paying one when none is chosen), a
// period and the partner types counted as partners. It travels in links, so a figure and the deals
// behind it are always read under the same filter.

export type PeriodKey = 'all' | '90d' | 'ytd' | '12m' | `${number}-${number}`

export interface CreditFilter {
  model?: string
  period?: PeriodKey
  /** Partner types, comma-separated as the API takes them. */
  partnerType?: string
}

export const periodOptions: { value: PeriodKey; label: string }[] = [
  { value: 'all', label: 'All time' },
  { value: '90d', label: 'Last 90 days' },
  { value: 'ytd', label: 'This year' },
  { value: '12m', label: 'Last 12 months' },
]

const isMonth = (value: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(value)

export function isPeriodKey(value: unknown): value is PeriodKey {
  return typeof value === 'string' && (periodOptions.some((o) => o.value === value) || isMonth(value))
}

/** The period as the API's from/to (UTC): presets run to now from a day's start; a month (YYYY-MM) is that whole month. */
export function periodRange(period: PeriodKey | undefined, now: Date): { from?: string; to?: string } {
  if (!period || period === 'all') return {}
  if (isMonth(period)) {
    const [year, month] = period.split('-').map(Number) as [number, number]
    return {
      from: new Date(Date.UTC(year, month - 1, 1)).toISOString(),
      to: new Date(Date.UTC(year, month, 1)).toISOString(),
    }
  }
  // whole UTC days, so the query (and its cache key) stays the same all day
  const year = now.getUTCFullYear()
  const start =
    period === 'ytd'
      ? Date.UTC(year, 0, 1)
      : period === '90d'
        ? Date.UTC(year, now.getUTCMonth(), now.getUTCDate() - 90)
        : Date.UTC(year - 1, now.getUTCMonth(), now.getUTCDate())
  return { from: new Date(start).toISOString() }
}

export function periodLabel(period: PeriodKey | undefined, locale?: string): string {
  if (period && isMonth(period)) {
    const [year, month] = period.split('-').map(Number) as [number, number]
    return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(Date.UTC(year, month - 1, 1)),
    )
  }
  return periodOptions.find((o) => o.value === (period ?? 'all'))?.label ?? 'All time'
}

/** The query the credit API takes for this filter, without empty values. */
export function filterQuery(filter: CreditFilter, now: Date) {
  return {
    ...(filter.model ? { model: filter.model } : {}),
    ...periodRange(filter.period, now),
    ...(filter.partnerType ? { partnerType: filter.partnerType } : {}),
  }
}

/** Partner types from a link's search, kept only when every one is known. */
export function readPartnerTypes(value: unknown, known: readonly string[]): string | undefined {
  if (typeof value !== 'string' || !value) return undefined
  const types = value.split(',').filter((type) => known.includes(type))
  return types.length > 0 ? [...new Set(types)].join(',') : undefined
}
