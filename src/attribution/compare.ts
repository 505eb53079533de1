import { attributeJourneys } from './engine'
import type { AttributionOptions, Journey, JsonValue, ModelKey, ModelSpec } from './types'

export interface ModelColumn {
  id: string
  key: ModelKey
  params: JsonValue
  modelVersion?: string
}

export interface ComparisonCell {
  valueMinor: bigint
  conversions: number
  /** Difference against the paying model's value for the same actor. */
  differenceMinor: bigint
}

export interface ComparisonRow {
  actor: string
  actorKind: string
  currency: string
  byModel: Record<string, ComparisonCell>
}

export interface Comparison {
  models: ModelColumn[]
  paying: string
  rows: ComparisonRow[]
}

/** Column ids: the model key, numbered when the same model appears twice with other params. */
export function nameColumns(specs: readonly ModelSpec[]): string[] {
  const seen = new Map<string, number>()
  return specs.map((spec) => {
    const count = (seen.get(spec.key) ?? 0) + 1
    seen.set(spec.key, count)
    return count === 1 ? spec.key : `${spec.key}#${count}`
  })
}

/** Per-actor won value and conversions under each model side by side, with differences against the paying model. */
export function compare(
  journeys: readonly Journey[],
  specs: readonly ModelSpec[],
  options: AttributionOptions & { paying?: string } = {},
): Comparison {
  const ids = nameColumns(specs)
  const paying = options.paying ?? ids[0] ?? 'linear'
  const rows = new Map<string, ComparisonRow>()
  const models: ModelColumn[] = []
  specs.forEach((spec, index) => {
    const id = ids[index] ?? spec.key
    const run = attributeJourneys(journeys, spec, options)
    models.push({
      id,
      key: run.model,
      params: run.params,
      ...(run.modelVersion ? { modelVersion: run.modelVersion } : {}),
    })
    for (const total of run.totals) {
      const key = `${total.actor}\u0000${total.currency}`
      const row = rows.get(key) ?? {
        actor: total.actor,
        actorKind: total.actorKind,
        currency: total.currency,
        byModel: {},
      }
      row.byModel[id] = { valueMinor: total.valueMinor, conversions: total.conversions, differenceMinor: 0n }
      rows.set(key, row)
    }
  })
  for (const row of rows.values()) {
    for (const id of ids) row.byModel[id] ??= { valueMinor: 0n, conversions: 0, differenceMinor: 0n }
    const base = row.byModel[paying]?.valueMinor ?? 0n
    for (const cell of Object.values(row.byModel)) cell.differenceMinor = cell.valueMinor - base
  }
  const sorted = [...rows.values()].sort((a, b) => {
    const av = a.byModel[paying]?.valueMinor ?? 0n
    const bv = b.byModel[paying]?.valueMinor ?? 0n
    return av === bv ? (a.actor < b.actor ? -1 : 1) : av > bv ? -1 : 1
  })
  return { models, paying, rows: sorted }
}
