// The role-based model's parameters as editable rows and back: a weight per activity, a multiplier
// per partner kind and the weight of any activity not listed. Rows keep what the person typed, so a
// half-written row stays on screen with its reason instead of vanishing from the parameters.
import { DEFAULT_ACTIVITY_WEIGHTS } from '../../../../src/attribution/types'

export type WeightRow = { name: string; weight: number | string }
export type RoleWeights = { activities: WeightRow[]; kinds: WeightRow[]; defaultWeight: number | string }
export type RowErrors = { name?: string; weight?: string }
export type RoleWeightErrors = {
  activities: Record<number, RowErrors>
  kinds: Record<number, RowErrors>
  defaultWeight?: string
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const rowsOf = (table: unknown): WeightRow[] =>
  isRecord(table)
    ? Object.entries(table).map(([name, weight]) => ({
        name,
        weight: typeof weight === 'number' ? weight : String(weight),
      }))
    : []

/** The rows of stored parameters; without an activity table, the engine's standard weights. */
export function toRoleWeights(params: Record<string, unknown>): RoleWeights {
  return {
    activities: rowsOf(params.activityWeights ?? DEFAULT_ACTIVITY_WEIGHTS),
    kinds: rowsOf(params.kindWeights),
    defaultWeight:
      typeof params.defaultWeight === 'number' || typeof params.defaultWeight === 'string'
        ? params.defaultWeight
        : 1,
  }
}

/** A typed weight as a number ≥ 0, or the reason it is not one. */
export function readWeight(value: number | string): number | string {
  const number = typeof value === 'number' ? value : value.trim() === '' ? Number.NaN : Number(value)
  if (!Number.isFinite(number)) return 'a number, e.g. 1.5'
  if (number < 0) return 'must be 0 or more'
  return number
}

function readTable(rows: readonly WeightRow[], what: string) {
  const table: Record<string, number> = {}
  const errors: Record<number, RowErrors> = {}
  rows.forEach((row, index) => {
    const name = row.name.trim()
    const weight = readWeight(row.weight)
    const rowErrors: RowErrors = {}
    if (!name) rowErrors.name = `Name the ${what}`
    else if (name in table) rowErrors.name = `${name} is listed twice`
    if (typeof weight === 'string') rowErrors.weight = weight
    if (rowErrors.name || rowErrors.weight) errors[index] = rowErrors
    else if (typeof weight === 'number') table[name] = weight
  })
  return { table, errors }
}

/** The parameters the rows make, or the reason per row that they make none yet. */
export function toRoleParams(
  weights: RoleWeights,
): { params: Record<string, unknown>; errors: null } | { params: null; errors: RoleWeightErrors } {
  const activities = readTable(weights.activities, 'activity')
  const kinds = readTable(weights.kinds, 'partner kind')
  const defaultWeight = readWeight(weights.defaultWeight)
  const isValid =
    Object.keys(activities.errors).length === 0 &&
    Object.keys(kinds.errors).length === 0 &&
    typeof defaultWeight === 'number'
  if (!isValid)
    return {
      params: null,
      errors: {
        activities: activities.errors,
        kinds: kinds.errors,
        ...(typeof defaultWeight === 'string' ? { defaultWeight } : {}),
      },
    }
  return {
    params: { activityWeights: activities.table, kindWeights: kinds.table, defaultWeight },
    errors: null,
  }
}
