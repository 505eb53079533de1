// A commission rule's condition from simple pickers and back. The rule's `when` is json-logic over
// { deal, account, partner, share }; the pickers cover the common tests, and anything else stays as
// JSON the user edits by hand.

export const conditionTests = [
  'always',
  'dealType',
  'partnerType',
  'partnerTier',
  'accountCountry',
  'partnerTag',
  'json',
] as const
export type ConditionTest = (typeof conditionTests)[number]

export type Condition =
  | { test: 'always' }
  | { test: 'dealType' | 'partnerType' | 'partnerTier' | 'accountCountry' | 'partnerTag'; value: string }
  | { test: 'json'; json: string }

export const conditionLabels: Record<ConditionTest, string> = {
  always: 'Every deal',
  dealType: 'Deal type is',
  partnerType: 'Partner type is',
  partnerTier: 'Partner tier is',
  accountCountry: 'Account country is',
  partnerTag: 'Partner has tag',
  json: 'Custom (JSON)',
}

/** The variable each equality test reads. */
const variables = {
  dealType: 'deal.type',
  partnerType: 'partner.type',
  partnerTier: 'partner.tier',
  accountCountry: 'account.country',
} as const

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const variableOf = (value: unknown): string | null =>
  isRecord(value) && Object.keys(value).length === 1 && typeof value.var === 'string' ? value.var : null

/** The json-logic a picked condition stands for, or an error for a condition not filled in. */
export function toLogic(condition: Condition): { when: unknown } | { error: string } {
  switch (condition.test) {
    case 'always':
      return { when: true }
    case 'json': {
      if (!condition.json.trim()) return { error: 'Write the condition as json-logic' }
      try {
        return { when: JSON.parse(condition.json) }
      } catch {
        return { error: 'Not valid JSON' }
      }
    }
    case 'partnerTag': {
      const tag = condition.value.trim()
      if (!tag) return { error: 'Enter the tag' }
      return { when: { in: [tag, { var: 'partner.tags' }] } }
    }
    default: {
      const value = condition.value.trim()
      if (!value) return { error: 'Choose a value' }
      return { when: { '==': [{ var: variables[condition.test] }, value] } }
    }
  }
}

/** The pickers' view of a stored condition; anything they cannot show comes back as JSON. */
export function fromLogic(when: unknown): Condition {
  if (when === undefined || when === true) return { test: 'always' }
  if (isRecord(when) && Object.keys(when).length === 1) {
    const equal = when['==']
    if (Array.isArray(equal) && equal.length === 2) {
      const [left, right] = equal as [unknown, unknown]
      const name = variableOf(left)
      const test = (Object.keys(variables) as (keyof typeof variables)[]).find(
        (key) => variables[key] === name,
      )
      if (test && typeof right === 'string') return { test, value: right }
    }
    const within = when.in
    if (Array.isArray(within) && within.length === 2) {
      const [tag, list] = within as [unknown, unknown]
      if (typeof tag === 'string' && variableOf(list) === 'partner.tags')
        return { test: 'partnerTag', value: tag }
    }
  }
  return { test: 'json', json: JSON.stringify(when, null, 2) }
}

/** Switching a row's test keeps what still makes sense: the JSON of what was picked, else a blank value. */
export function switchTest(current: Condition, test: ConditionTest): Condition {
  if (test === current.test) return current
  if (test === 'always') return { test }
  if (test === 'json') {
    const logic = toLogic(current)
    return { test, json: 'when' in logic ? JSON.stringify(logic.when, null, 2) : '' }
  }
  return { test, value: '' }
}
