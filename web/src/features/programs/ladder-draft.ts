// A tier ladder as its editor holds it (amounts in major units, conditions as a tag or JSON text) and
// as the API takes it (minor units, json-logic), both ways, with the form path of every mistake.
import type {
  CreateLadderInput,
  LadderDefinition,
  LadderDefinitionInput,
  TierCriterion,
  TierDealFilter,
} from '../../../../src/modules/programs/programs.contract'
import { amountToMinor, minorToAmount } from '../incentives/decimal-text'

export const criterionKinds = [
  'attributed_revenue',
  'attributed_deals',
  'activity',
  'certifications',
  'partner',
] as const
export type CriterionKind = (typeof criterionKinds)[number]

export const criterionLabels: Record<CriterionKind, string> = {
  attributed_revenue: 'Attributed revenue at least',
  attributed_deals: 'Attributed won deals at least',
  activity: 'Touches logged at least',
  certifications: 'Certified sellers at least',
  partner: 'Partner condition',
}

/** Which won deals revenue and deals criteria count: all, one deal type, or a condition typed by hand. */
export const dealScopes = ['all', 'new', 'renewal', 'expansion', 'custom'] as const
export type DealScope = (typeof dealScopes)[number]
export const dealScopeLabels: Record<DealScope, string> = {
  all: 'on every won deal',
  new: 'on new business',
  renewal: 'on renewals',
  expansion: 'on expansions',
  custom: 'on deals matching…',
}
const dealTypeLabels = { new: 'new business', renewal: 'renewals', expansion: 'expansions' } as const
type DealType = keyof typeof dealTypeLabels

export type CriterionDraft = {
  kind: CriterionKind
  /** Revenue in major units, or a count. */
  value: string
  /** Revenue and deals: which won deals count. */
  on: DealScope
  /** A partner condition's (or a custom deal condition's) words. */
  label: string
  /** A partner condition: a tag the partner has, or json-logic typed by hand. */
  tag: string
  /** json-logic typed by hand: a partner condition, or the deals a criterion counts. */
  json: string
}
export type LevelDraft = { key: string; name: string; criteria: CriterionDraft[] }
export type LadderDraft = {
  name: string
  mode: 'automatic' | 'review'
  graceDays: number | string
  periodMonths: number | string
  currency: string
  levels: LevelDraft[]
  /** Kept as it was: the editor has no picker for which partners the ladder places. */
  audience: unknown
}

export const emptyCriterion = (): CriterionDraft => ({
  kind: 'attributed_revenue',
  value: '',
  on: 'all',
  label: '',
  tag: '',
  json: '',
})

export const keyOf = (name: string): string =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)

export function newLadderDraft(currency = 'USD'): LadderDraft {
  const level = (name: string, criteria: CriterionDraft[]): LevelDraft => ({
    key: keyOf(name),
    name,
    criteria,
  })
  return {
    name: 'Partner tiers',
    mode: 'automatic',
    graceDays: 30,
    periodMonths: 12,
    currency,
    audience: true,
    levels: [
      level('Bronze', []),
      level('Silver', [{ ...emptyCriterion(), value: '100000' }]),
      level('Gold', [
        { ...emptyCriterion(), value: '400000' },
        { ...emptyCriterion(), kind: 'attributed_deals', value: '5' },
      ]),
    ],
  }
}

const hasTag = (when: unknown): string | null => {
  if (typeof when !== 'object' || when === null || !('in' in when)) return null
  const args = (when as { in: unknown }).in
  if (!Array.isArray(args) || args.length !== 2 || typeof args[0] !== 'string') return null
  const variable = args[1] as { var?: unknown }
  return variable?.var === 'partner.tags' ? args[0] : null
}

/** The deal type a condition tests alone (`deal.type == renewal`), or null. */
const dealTypeOf = (when: unknown): DealType | null => {
  if (typeof when !== 'object' || when === null || !('==' in when)) return null
  const args = (when as { '==': unknown })['==']
  if (!Array.isArray(args) || args.length !== 2 || (args[0] as { var?: unknown })?.var !== 'deal.type')
    return null
  return typeof args[1] === 'string' && args[1] in dealTypeLabels ? (args[1] as DealType) : null
}

const dealsDraft = (deals: TierDealFilter | undefined): Pick<CriterionDraft, 'on' | 'label' | 'json'> => {
  if (!deals) return { on: 'all', label: '', json: '' }
  const type = dealTypeOf(deals.when)
  if (type && deals.label === dealTypeLabels[type]) return { on: type, label: '', json: '' }
  return { on: 'custom', label: deals.label, json: JSON.stringify(deals.when, null, 2) }
}

function criterionDraft(criterion: TierCriterion, digits: number): CriterionDraft {
  const base = emptyCriterion()
  switch (criterion.kind) {
    case 'attributed_revenue':
      return { ...base, value: minorToAmount(criterion.minMinor, digits), ...dealsDraft(criterion.deals) }
    case 'attributed_deals':
      return { ...base, kind: criterion.kind, value: String(criterion.min), ...dealsDraft(criterion.deals) }
    case 'activity':
    case 'certifications':
      return { ...base, kind: criterion.kind, value: String(criterion.min) }
    case 'partner': {
      const tag = hasTag(criterion.when)
      return {
        ...base,
        kind: 'partner',
        label: criterion.label,
        tag: tag ?? '',
        json: tag ? '' : JSON.stringify(criterion.when, null, 2),
      }
    }
  }
}

export function draftOfLadder(name: string, definition: LadderDefinition, digits: number): LadderDraft {
  return {
    name,
    mode: definition.mode,
    graceDays: definition.graceDays,
    periodMonths: definition.periodMonths,
    currency: definition.currency,
    audience: definition.audience ?? true,
    levels: definition.levels.map((level) => ({
      key: level.key,
      name: level.name,
      criteria: level.criteria.map((c) => criterionDraft(c, digits)),
    })),
  }
}

export type DraftResult = { input: CreateLadderInput } | { errors: Record<string, string> }

const count = (text: string) => (/^\d{1,7}$/.test(text.trim()) ? Number(text.trim()) : null)

/** The deals a revenue or deals criterion counts, as the API takes them; a mistake goes in `errors`. */
function dealsOfDraft(c: CriterionDraft, at: string, errors: Record<string, string>) {
  if (c.on === 'all') return {}
  if (c.on !== 'custom')
    return { deals: { label: dealTypeLabels[c.on], when: { '==': [{ var: 'deal.type' }, c.on] } } }
  try {
    return { deals: { label: c.label.trim() || 'matching deals', when: JSON.parse(c.json) as unknown } }
  } catch {
    errors[`${at}.json`] = 'Enter a json-logic condition on the deal'
    return {}
  }
}

/** The definition the API takes, or the form's own mistakes by form path. */
export function inputOfDraft(draft: LadderDraft, digits: number): DraftResult {
  const errors: Record<string, string> = {}
  const levels = draft.levels.map((level, i) => ({
    key: level.key.trim() || keyOf(level.name),
    name: level.name.trim(),
    criteria: level.criteria.flatMap((c, j): TierCriterion[] => {
      const at = `levels.${i}.criteria.${j}`
      if (c.kind === 'attributed_revenue') {
        const minMinor = amountToMinor(c.value, digits)
        if (minMinor === null) errors[`${at}.value`] = 'Enter an amount such as 400000'
        const deals = dealsOfDraft(c, at, errors)
        return minMinor === null ? [] : [{ kind: c.kind, minMinor, ...deals }]
      }
      if (c.kind === 'partner') {
        let when: unknown = c.tag.trim()
          ? { in: [c.tag.trim().toLowerCase(), { var: 'partner.tags' }] }
          : null
        if (!c.tag.trim()) {
          try {
            when = JSON.parse(c.json)
          } catch {
            errors[`${at}.json`] = 'Enter a tag, or a json-logic condition'
            return []
          }
        }
        const label = c.label.trim() || (c.tag.trim() ? `tagged ${c.tag.trim()}` : 'partner condition')
        return [{ kind: 'partner', label, when }]
      }
      const min = count(c.value)
      const deals = c.kind === 'attributed_deals' ? dealsOfDraft(c, at, errors) : {}
      if (min === null || min < 1) {
        errors[`${at}.value`] = 'Enter a whole number from 1'
        return []
      }
      return [{ kind: c.kind, min, ...deals }]
    }),
  }))
  if (Object.keys(errors).length > 0) return { errors }
  const definition: LadderDefinitionInput = {
    mode: draft.mode,
    graceDays: Number(draft.graceDays),
    periodMonths: Number(draft.periodMonths),
    currency: draft.currency,
    audience: draft.audience,
    levels,
  }
  return { input: { name: draft.name.trim(), definition } }
}

/**
 * The form path of a server error's path: `definition.levels[1].criteria[0].minMinor` (or with dots)
 * lands on `levels.1.criteria.0.value`; null when the form has no input for it.
 */
export function formPathOf(path: string): string | null {
  const dotted = path.replace(/\[(\d+)\]/g, '.$1').replace(/^definition\./, '')
  if (dotted === 'name') return 'name'
  if (['mode', 'graceDays', 'periodMonths', 'currency'].includes(dotted)) return dotted
  const level = /^levels\.(\d+)\.(key|name)$/.exec(dotted)
  if (level) return `levels.${level[1]}.${level[2]}`
  const criterion = /^levels\.(\d+)\.criteria\.(\d+)(?:\.(?:deals\.)?(\w+))?$/.exec(dotted)
  if (criterion) {
    const field =
      criterion[3] === 'when'
        ? 'json'
        : criterion[3] === 'label'
          ? 'label'
          : criterion[3] === 'kind'
            ? 'kind'
            : 'value'
    return `levels.${criterion[1]}.criteria.${criterion[2]}.${field}`
  }
  return null
}
