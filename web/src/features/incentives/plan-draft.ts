// A commission plan as its form holds it (percentages, amounts in major units, picked conditions) and
// as the API takes it (decimal fractions, minor units, json-logic), both ways, with the form path of
// every mistake, the client's own and the server's.
import type {
  CreatePlanInput,
  PlanPreviewInput,
  PlanTerms,
  PlanTermsInput,
  PlanView,
} from '../../../../src/modules/incentives/incentives.contract'
import { amountToMinor, fractionToPercent, minorToAmount, percentToFraction } from './decimal-text'
import { type Condition, fromLogic, toLogic } from './plan-conditions'

export const matchPolicies = ['first', 'highest', 'stacked'] as const
export const tierPeriods = ['month', 'quarter', 'year', 'window'] as const
export const tierModes = ['marginal', 'retroactive'] as const
export const payments = ['rate', 'flat', 'tiered'] as const
export type Payment = (typeof payments)[number]

export type RuleDraft = {
  id: string
  label: string
  condition: Condition
  payment: Payment
  ratePercent: string
  flatAmount: string
  capAmount: string
  floorAmount: string
}
export type BracketDraft = { basis: 'amount' | 'target'; from: string; ratePercent: string }
export type PlanDraft = {
  name: string
  kind: 'commission' | 'spif'
  currency: string
  effectiveFrom: string
  holdDays: number | string
  matchPolicy: (typeof matchPolicies)[number]
  rules: RuleDraft[]
  hasTiers: boolean
  tierPeriod: (typeof tierPeriods)[number]
  tierMode: (typeof tierModes)[number]
  targetAmount: string
  brackets: BracketDraft[]
  recurringMonths: number | string
  clawbackDays: number | string
  windowFrom: string
  windowTo: string
  /** Kept as it was: the form has no picker for who the plan is for. */
  audience: unknown
  advanced: boolean
  termsJson: string
}

export const emptyRule = (index: number): RuleDraft => ({
  id: `rule-${index + 1}`,
  label: index === 0 ? 'Every deal' : `Rule ${index + 1}`,
  condition: { test: 'always' },
  payment: 'rate',
  ratePercent: '10',
  flatAmount: '',
  capAmount: '',
  floorAmount: '',
})

export const emptyBracket = (): BracketDraft => ({ basis: 'amount', from: '0', ratePercent: '' })

export function newPlanDraft(today: string, currency = 'USD'): PlanDraft {
  return {
    name: '',
    kind: 'commission',
    currency,
    effectiveFrom: today,
    holdDays: 30,
    matchPolicy: 'first',
    rules: [emptyRule(0)],
    hasTiers: false,
    tierPeriod: 'quarter',
    tierMode: 'marginal',
    targetAmount: '',
    brackets: [emptyBracket()],
    recurringMonths: '',
    clawbackDays: '',
    windowFrom: '',
    windowTo: '',
    audience: true,
    advanced: false,
    termsJson: '',
  }
}

const blank = (value: number | string) => String(value).trim() === ''

/** The draft with the picker fields filled from terms (a plan's version, or the JSON editor's). */
export function withTerms(draft: PlanDraft, terms: PlanTerms, minorDigits: number): PlanDraft {
  const amount = (minor: string | undefined) => (minor === undefined ? '' : minorToAmount(minor, minorDigits))
  return {
    ...draft,
    holdDays: terms.holdDays,
    matchPolicy: terms.matchPolicy,
    audience: terms.audience,
    rules: terms.rules.map((rule) => ({
      id: rule.id,
      label: rule.label,
      condition: fromLogic(rule.when),
      payment: rule.tiered ? 'tiered' : rule.flatMinor !== undefined ? 'flat' : 'rate',
      ratePercent: rule.rate === undefined ? '' : fractionToPercent(rule.rate),
      flatAmount: amount(rule.flatMinor),
      capAmount: amount(rule.capMinor),
      floorAmount: amount(rule.floorMinor),
    })),
    hasTiers: terms.tiers !== null,
    tierPeriod: terms.tiers?.period ?? draft.tierPeriod,
    tierMode: terms.tiers?.mode ?? draft.tierMode,
    targetAmount: amount(terms.tiers?.targetMinor),
    brackets:
      terms.tiers?.brackets.map((bracket) =>
        bracket.fromPercentOfTarget !== undefined
          ? {
              basis: 'target',
              from: String(bracket.fromPercentOfTarget),
              ratePercent: fractionToPercent(bracket.rate),
            }
          : {
              basis: 'amount',
              from: amount(bracket.fromMinor),
              ratePercent: fractionToPercent(bracket.rate),
            },
      ) ?? draft.brackets,
    recurringMonths: terms.recurring?.months ?? '',
    clawbackDays: terms.clawback?.days ?? '',
    windowFrom: terms.window?.from ?? '',
    windowTo: terms.window?.to ?? '',
    termsJson: JSON.stringify(terms, null, 2),
  }
}

/** The draft of a plan's newest version, to edit into the next one (effective from `today`). */
export function draftOfPlan(plan: PlanView, today: string, minorDigits: number): PlanDraft {
  const draft = { ...newPlanDraft(today, plan.currency), name: plan.name, kind: plan.kind }
  const terms = plan.versions[0]?.terms
  return terms ? withTerms(draft, terms, minorDigits) : draft
}

type Built<T> = { value: T; errors: Record<string, string> }

/** The terms the picker fields make, and per form path what keeps them from being valid. */
export function termsOfDraft(draft: PlanDraft, minorDigits: number): Built<PlanTermsInput> {
  const errors: Record<string, string> = {}
  const amount = (text: string, path: string, required = false): string | undefined => {
    if (text.trim() === '') {
      if (required) errors[path] = 'Enter an amount'
      return undefined
    }
    const minor = amountToMinor(text, minorDigits)
    if (minor === null)
      errors[path] = `An amount such as ${minorDigits > 0 ? `1250.${'0'.repeat(minorDigits)}` : '1250'}`
    return minor ?? undefined
  }
  const rate = (text: string, path: string): string => {
    const fraction = percentToFraction(text)
    if (fraction === null) errors[path] = 'A percentage from 0 to 100, such as 10 or 12.5'
    return fraction ?? '0'
  }

  const rules = draft.rules.map((rule, index) => {
    const at = `rules.${index}`
    if (!rule.label.trim()) errors[`${at}.label`] = 'Name the rule'
    const logic = toLogic(rule.condition)
    if ('error' in logic) errors[`${at}.condition`] = logic.error
    const payment =
      rule.payment === 'rate'
        ? { rate: rate(rule.ratePercent, `${at}.ratePercent`) }
        : rule.payment === 'flat'
          ? { flatMinor: amount(rule.flatAmount, `${at}.flatAmount`, true) ?? '0' }
          : { tiered: true as const }
    if (rule.payment === 'tiered' && !draft.hasTiers) errors[`${at}.payment`] = 'Add tiers to the plan first'
    const capMinor = amount(rule.capAmount, `${at}.capAmount`)
    const floorMinor = amount(rule.floorAmount, `${at}.floorAmount`)
    return {
      id: rule.id.trim(),
      label: rule.label.trim(),
      when: 'when' in logic ? logic.when : true,
      ...payment,
      ...(capMinor === undefined ? {} : { capMinor }),
      ...(floorMinor === undefined ? {} : { floorMinor }),
    }
  })

  const tiers = draft.hasTiers
    ? {
        period: draft.tierPeriod,
        mode: draft.tierMode,
        ...(draft.targetAmount.trim()
          ? { targetMinor: amount(draft.targetAmount, 'targetAmount') ?? '0' }
          : {}),
        brackets: draft.brackets.map((bracket, index) => {
          const at = `brackets.${index}`
          const ratePart = { rate: rate(bracket.ratePercent, `${at}.ratePercent`) }
          if (bracket.basis === 'amount')
            return { fromMinor: amount(bracket.from, `${at}.from`, true) ?? '0', ...ratePart }
          const percent = Number(bracket.from)
          if (bracket.from.trim() === '' || !Number.isFinite(percent) || percent < 0 || percent > 1000)
            errors[`${at}.from`] = 'A percent of the target from 0 to 1000'
          if (!draft.targetAmount.trim())
            errors.targetAmount = 'Brackets from a percent of the target need a target'
          return { fromPercentOfTarget: percent, ...ratePart }
        }),
      }
    : null

  const months = Number(draft.recurringMonths)
  if (!blank(draft.recurringMonths) && !(Number.isInteger(months) && months >= 1 && months <= 120))
    errors.recurringMonths = 'Whole months from 1 to 120'
  const clawbackDays = Number(draft.clawbackDays)
  if (
    !blank(draft.clawbackDays) &&
    !(Number.isInteger(clawbackDays) && clawbackDays >= 1 && clawbackDays <= 3650)
  )
    errors.clawbackDays = 'Whole days from 1 to 3650'
  if (Boolean(draft.windowFrom) !== Boolean(draft.windowTo))
    errors[draft.windowFrom ? 'windowTo' : 'windowFrom'] = 'Give both days of the window, or neither'
  const holdDays = Number(draft.holdDays)
  if (blank(draft.holdDays) || !(Number.isInteger(holdDays) && holdDays >= 0 && holdDays <= 365))
    errors.holdDays = 'Whole days from 0 to 365'

  return {
    value: {
      audience: draft.audience,
      matchPolicy: draft.matchPolicy,
      rules,
      tiers,
      recurring: blank(draft.recurringMonths) ? null : { months },
      clawback: blank(draft.clawbackDays) ? null : { days: clawbackDays },
      window: draft.windowFrom && draft.windowTo ? { from: draft.windowFrom, to: draft.windowTo } : null,
      holdDays,
    },
    errors,
  }
}

/** The terms to send: from the JSON editor in advanced mode, else from the picker fields. */
export function termsToSend(draft: PlanDraft, minorDigits: number): Built<PlanTermsInput | null> {
  if (!draft.advanced) return termsOfDraft(draft, minorDigits)
  try {
    return { value: JSON.parse(draft.termsJson) as PlanTermsInput, errors: {} }
  } catch {
    return { value: null, errors: { termsJson: 'Not valid JSON' } }
  }
}

export function createInputOfDraft(draft: PlanDraft, minorDigits: number): Built<CreatePlanInput | null> {
  const terms = termsToSend(draft, minorDigits)
  const errors = { ...terms.errors }
  if (!draft.name.trim()) errors.name = 'Name the plan'
  if (!terms.value) return { value: null, errors }
  return {
    value: {
      name: draft.name.trim(),
      kind: draft.kind,
      currency: draft.currency,
      ...(draft.effectiveFrom ? { effectiveFrom: draft.effectiveFrom } : {}),
      // the server fills the defaults of the terms it is sent
      terms: terms.value as CreatePlanInput['terms'],
    },
    errors,
  }
}

/**
 * What the preview is asked, or null while the draft has a mistake of its own (the preview waits for
 * a valid draft). The name is not needed to try terms, so a new plan without one is "Draft".
 */
export function previewInputOfDraft(
  draft: PlanDraft,
  minorDigits: number,
  planId?: string,
): PlanPreviewInput | null {
  const terms = termsToSend(draft, minorDigits)
  if (!terms.value || Object.keys(terms.errors).length > 0) return null
  return {
    ...(planId ? { planId } : {}),
    name: draft.name.trim() || 'Draft',
    kind: draft.kind,
    currency: draft.currency,
    terms: terms.value as PlanPreviewInput['terms'],
  }
}

const termFields: Record<string, string> = {
  holdDays: 'holdDays',
  matchPolicy: 'matchPolicy',
  'tiers.period': 'tierPeriod',
  'tiers.mode': 'tierMode',
  'tiers.targetMinor': 'targetAmount',
  tiers: 'hasTiers',
  'recurring.months': 'recurringMonths',
  recurring: 'recurringMonths',
  'clawback.days': 'clawbackDays',
  clawback: 'clawbackDays',
  'window.from': 'windowFrom',
  'window.to': 'windowTo',
  window: 'windowFrom',
}
const ruleFields: Record<string, string> = {
  id: 'id',
  label: 'label',
  when: 'condition',
  rate: 'ratePercent',
  flatMinor: 'flatAmount',
  tiered: 'payment',
  capMinor: 'capAmount',
  floorMinor: 'floorAmount',
}

/**
 * The form input for a server error's path, whichever way the server writes lists
 * ("terms.rules[1].when.==[0]" from the plan checks, "terms.rules.1.rate" from validation).
 * In advanced mode every error in the terms belongs to the JSON editor.
 */
export function formPathOf(
  path: string,
  draft: Pick<PlanDraft, 'advanced' | 'rules' | 'brackets'>,
): string | null {
  const dotted = path.replace(/\[(\d+)\]/g, '.$1')
  if (['name', 'kind', 'currency', 'effectiveFrom', 'isActive'].includes(dotted)) return dotted
  if (!dotted.startsWith('terms')) return null
  if (draft.advanced) return 'termsJson'
  const inner = dotted.slice('terms.'.length)
  const rule = /^rules\.(\d+)(?:\.(\w+))?/.exec(inner)
  if (rule) {
    const index = Number(rule[1])
    if (index >= draft.rules.length) return null
    return `rules.${index}.${ruleFields[rule[2] ?? ''] ?? 'payment'}`
  }
  const bracket = /^tiers\.brackets\.(\d+)(?:\.(\w+))?/.exec(inner)
  if (bracket) {
    const index = Number(bracket[1])
    if (index >= draft.brackets.length) return null
    return `brackets.${index}.${bracket[2] === 'rate' ? 'ratePercent' : 'from'}`
  }
  const key = Object.keys(termFields)
    .sort((a, b) => b.length - a.length)
    .find((field) => inner === field || inner.startsWith(`${field}.`))
  return key ? (termFields[key] ?? null) : null
}
