// Custom-model rules as picker rows and back. A rule's `when` is json-logic over { touch, actor,
// deal }; a row holds one comparison (field, operator, value) or "always", and one effect. Rules
// the pickers cannot show (several conditions, several effects) stay in the JSON editor.

export type FieldKind = 'text' | 'number' | 'boolean'
export type ConditionField = { value: string; label: string; kind: FieldKind }

/** What a rule may test: the variables the engine gives a rule (see attribution/models/custom.ts). */
export const conditionFields: readonly ConditionField[] = [
  { value: 'touch.activity', label: 'Touch: activity', kind: 'text' },
  { value: 'touch.actorKind', label: 'Touch: partner kind', kind: 'text' },
  { value: 'touch.daysBefore', label: 'Touch: days before close', kind: 'number' },
  { value: 'touch.isFirst', label: 'Touch: is the first', kind: 'boolean' },
  { value: 'touch.isLast', label: 'Touch: is the last', kind: 'boolean' },
  { value: 'actor.kind', label: 'Actor: partner kind', kind: 'text' },
  { value: 'actor.touchCount', label: 'Actor: number of touches', kind: 'number' },
  { value: 'actor.isFirst', label: 'Actor: touched first', kind: 'boolean' },
  { value: 'actor.isLast', label: 'Actor: touched last', kind: 'boolean' },
  { value: 'actor.isDirect', label: 'Actor: is direct (own sellers)', kind: 'boolean' },
  { value: 'deal.amountMinor', label: 'Deal: amount (minor units)', kind: 'number' },
  { value: 'deal.currency', label: 'Deal: currency', kind: 'text' },
  { value: 'deal.outcome', label: 'Deal: outcome (won, lost, open)', kind: 'text' },
  { value: 'deal.kind', label: 'Deal: kind (new, renewal, expansion)', kind: 'text' },
  { value: 'deal.touchCount', label: 'Deal: number of touches', kind: 'number' },
  { value: 'deal.actorCount', label: 'Deal: number of actors', kind: 'number' },
  { value: 'deal.fields.stage', label: 'Deal: stage', kind: 'text' },
  { value: 'deal.fields.owner', label: 'Deal: owner', kind: 'text' },
  { value: 'deal.fields.type', label: 'Deal: type', kind: 'text' },
]

export const operators = ['==', '!=', 'in', '>', '<', '>=', '<='] as const
export type Operator = (typeof operators)[number]
export const operatorsFor = (kind: FieldKind): readonly Operator[] =>
  kind === 'number' ? operators : kind === 'boolean' ? ['==', '!='] : ['==', '!=', 'in']

export const effects = ['weight', 'multiply', 'exclude', 'fixedShare', 'minShare', 'maxShare'] as const
export type Effect = (typeof effects)[number]
/** Touch effects change a touch's weight; share effects bound an actor's share of the deal. */
export const isShareEffect = (effect: Effect): boolean =>
  effect === 'fixedShare' || effect === 'minShare' || effect === 'maxShare'

export type Condition =
  | { mode: 'always' }
  | { mode: 'match'; field: string; operator: Operator; value: string }
export type RuleRow = { label: string; condition: Condition; effect: Effect; amount: number | string }
export type RuleRowErrors = Partial<Record<'label' | 'field' | 'value' | 'effect' | 'amount', string>>

const ruleKeys = ['label', 'when', ...effects]
const fieldOf = (name: string) => conditionFields.find((field) => field.value === name)
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const isScalar = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'

export const emptyRule = (index: number): RuleRow => ({
  label: `Rule ${index + 1}`,
  condition: { mode: 'match', field: 'touch.activity', operator: '==', value: '' },
  effect: 'multiply',
  amount: 2,
})

function toCondition(when: unknown): Condition | null {
  if (when === undefined || when === true) return { mode: 'always' }
  if (!isRecord(when)) return null
  const [operator, ...others] = Object.keys(when)
  if (!operator || others.length > 0 || !operators.includes(operator as Operator)) return null
  const args = when[operator]
  if (!Array.isArray(args) || args.length !== 2) return null
  const [variable, value] = args as [unknown, unknown]
  if (!isRecord(variable) || typeof variable.var !== 'string' || Object.keys(variable).length !== 1)
    return null
  const field = fieldOf(variable.var)
  if (!field || !operatorsFor(field.kind).includes(operator as Operator)) return null
  if (operator === 'in') {
    if (!Array.isArray(value) || !value.every(isScalar)) return null
    return { mode: 'match', field: field.value, operator, value: value.map(String).join(', ') }
  }
  if (
    !isScalar(value) ||
    typeof value !== { text: 'string', number: 'number', boolean: 'boolean' }[field.kind]
  )
    return null
  return { mode: 'match', field: field.value, operator: operator as Operator, value: String(value) }
}

function toRuleRow(rule: unknown): RuleRow | null {
  if (!isRecord(rule) || !Object.keys(rule).every((key) => ruleKeys.includes(key))) return null
  if (rule.label !== undefined && typeof rule.label !== 'string') return null
  const present = effects.filter((effect) => rule[effect] !== undefined)
  const [effect] = present
  if (present.length !== 1 || !effect) return null
  const amount = rule[effect]
  if (effect === 'exclude' ? amount !== true : typeof amount !== 'number') return null
  const condition = toCondition(rule.when)
  if (!condition) return null
  return { label: rule.label ?? '', condition, effect, amount: typeof amount === 'number' ? amount : '' }
}

/** The rows of stored rules, or null when one of them is more than the pickers can show. */
export function toRuleRows(rules: unknown): RuleRow[] | null {
  if (rules === undefined) return []
  if (!Array.isArray(rules)) return null
  const rows = rules.map(toRuleRow)
  return rows.every((row): row is RuleRow => row !== null) ? rows : null
}

function readValue(kind: FieldKind, text: string): string | number | boolean | null {
  const trimmed = text.trim()
  if (trimmed === '') return null
  if (kind === 'number') return Number.isFinite(Number(trimmed)) ? Number(trimmed) : null
  if (kind === 'boolean') return trimmed === 'true' ? true : trimmed === 'false' ? false : null
  return trimmed
}

function toWhen(condition: Condition, errors: RuleRowErrors): unknown {
  if (condition.mode === 'always') return true
  const field = fieldOf(condition.field)
  if (!field) {
    errors.field = 'Pick what the rule tests'
    return null
  }
  const variable = { var: field.value }
  if (condition.operator === 'in') {
    const values = condition.value
      .split(',')
      .map((part) => readValue(field.kind, part))
      .filter((value) => value !== null)
    if (values.length === 0) errors.value = 'List one or more values, separated by commas'
    return { in: [variable, values] }
  }
  const value = readValue(field.kind, condition.value)
  if (value === null)
    errors.value = field.kind === 'number' ? 'A number' : field.kind === 'boolean' ? 'Yes or no' : 'A value'
  return { [condition.operator]: [variable, value] }
}

/** The rules the rows make, and per row what keeps it from being one. */
export function toRules(rows: readonly RuleRow[]): {
  rules: Record<string, unknown>[]
  errors: Record<number, RuleRowErrors>
} {
  const errors: Record<number, RuleRowErrors> = {}
  const rules = rows.map((row, index) => {
    const rowErrors: RuleRowErrors = {}
    const when = toWhen(row.condition, rowErrors)
    if (
      isShareEffect(row.effect) &&
      row.condition.mode === 'match' &&
      row.condition.field.startsWith('touch.')
    )
      rowErrors.field = 'A share rule sees the actor and the deal, not a touch: pick an actor or deal field'
    const amount = typeof row.amount === 'number' ? row.amount : Number(row.amount)
    if (row.effect !== 'exclude' && (String(row.amount).trim() === '' || !Number.isFinite(amount)))
      rowErrors.amount = 'A number'
    if (Object.keys(rowErrors).length > 0) errors[index] = rowErrors
    return {
      label: row.label.trim() || `Rule ${index + 1}`,
      when,
      [row.effect]: row.effect === 'exclude' ? true : amount,
    }
  })
  return { rules, errors }
}

export type RuleSet = { base: string; baseParams: unknown; rules: RuleRow[] }

/** A custom model's parameters for the builder, or null when they are more than it can show. */
export function toRuleSet(params: Record<string, unknown>): RuleSet | null {
  if (!Object.keys(params).every((key) => ['base', 'baseParams', 'rules'].includes(key))) return null
  const rules = toRuleRows(params.rules)
  if (!rules || (params.base !== undefined && typeof params.base !== 'string')) return null
  return { base: params.base ?? 'linear', baseParams: params.baseParams ?? {}, rules }
}

/**
 * Where a refusal of the engine belongs in the builder: "rules[0].maxShare: must be ≤ 1" is rule 1's
 * amount, "rules[2].when: …" its condition. Anything else stays with the parameters as a whole.
 */
export function placeRuleError(
  text: string,
): { index: number; field: keyof RuleRowErrors; message: string } | null {
  const match = /^rules\[(\d+)\](?:\.(\w+))?[^:]*: (.*)$/.exec(text)
  if (!match) return null
  const [, index, key, message = ''] = match
  const field: keyof RuleRowErrors =
    key === 'when'
      ? 'value'
      : key === 'label'
        ? 'label'
        : key && effects.includes(key as Effect)
          ? 'amount'
          : 'effect'
  return { index: Number(index), field, message }
}
