// Payout forms' values as the API takes them: where a partner is paid (only what the chosen rail
// uses), and a new batch (minimums typed in major units, sent as minor units per currency).
import type {
  CreateBatchInput,
  PayoutAccountInput,
  PayoutAccountView,
} from '../../../../src/modules/incentives/payouts/payouts.contract'
import { minorDigits } from '../../ui/money'
import { amountToMinor } from './decimal-text'

export type BankKind = 'iban' | 'us'
export type AccountDraft = {
  rail: 'stripe' | 'bank_file'
  bankKind: BankKind
  payeeName: string
  stripeAccountId: string
  iban: string
  bic: string
  accountNumber: string
  routingNumber: string
}

export const draftOf = (account: PayoutAccountView | null, fallbackName: string): AccountDraft => ({
  rail: account?.rail ?? 'stripe',
  bankKind: account?.accountNumber ? 'us' : 'iban',
  payeeName: account?.payeeName ?? fallbackName,
  stripeAccountId: account?.stripeAccountId ?? '',
  iban: '',
  bic: account?.bic ?? '',
  accountNumber: '',
  routingNumber: account?.routingNumber ?? '',
})

/** Only what the chosen rail and bank kind use, trimmed; blanks left out. */
export function accountInputOf(draft: AccountDraft): PayoutAccountInput {
  const text = (value: string) => (value.trim() ? value.trim() : undefined)
  const base = { rail: draft.rail, payeeName: draft.payeeName.trim() }
  if (draft.rail === 'stripe') return { ...base, stripeAccountId: text(draft.stripeAccountId) }
  return draft.bankKind === 'iban'
    ? { ...base, iban: text(draft.iban.replace(/\s+/g, '')), bic: text(draft.bic) }
    : { ...base, accountNumber: text(draft.accountNumber), routingNumber: text(draft.routingNumber) }
}

export type BatchDraft = {
  periodTo: string
  rail: 'stripe' | 'bank_file'
  requiresSecondApprover: boolean
  minimums: { currency: string; amount: string }[]
}

/** The batch to create, or the form paths of what is wrong. */
export function batchInputOf(draft: BatchDraft): { input: CreateBatchInput; errors: Record<string, string> } {
  const errors: Record<string, string> = {}
  const minimums: Record<string, string> = {}
  draft.minimums.forEach((row, index) => {
    if (!row.currency) errors[`minimums.${index}.currency`] = 'Choose a currency'
    const minor = amountToMinor(row.amount, minorDigits(row.currency || 'USD'))
    if (minor === null) errors[`minimums.${index}.amount`] = 'An amount such as 50'
    else if (row.currency) minimums[row.currency] = minor
  })
  if (!draft.periodTo) errors.periodTo = 'Choose the last day of the period'
  return {
    input: {
      periodTo: draft.periodTo,
      rail: draft.rail,
      requiresSecondApprover: draft.requiresSecondApprover,
      minimums,
    },
    errors,
  }
}
