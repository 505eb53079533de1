import { describe, expect, it } from 'vitest'
import { type AccountDraft, accountInputOf, batchInputOf, draftOf } from './payout-drafts'

const draft = (changes: Partial<AccountDraft>): AccountDraft => ({ ...draftOf(null, 'Bluefin'), ...changes })

describe('accountInputOf', () => {
  it('sends only the Stripe account for Stripe', () => {
    expect(accountInputOf(draft({ stripeAccountId: ' acct_123456 ', iban: 'DE89' }))).toEqual({
      rail: 'stripe',
      payeeName: 'Bluefin',
      stripeAccountId: 'acct_123456',
    })
  })

  it('sends the IBAN without spaces, and the BIC, for a European bank', () => {
    expect(
      accountInputOf(
        draft({
          rail: 'bank_file',
          iban: 'DE89 3704 0044 0532 0130 00',
          bic: 'COBADEFFXXX',
          accountNumber: '1234',
        }),
      ),
    ).toEqual({ rail: 'bank_file', payeeName: 'Bluefin', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' })
  })

  it('sends account and routing for a US bank, leaving blanks out', () => {
    expect(
      accountInputOf(
        draft({ rail: 'bank_file', bankKind: 'us', accountNumber: '000123456', routingNumber: '' }),
      ),
    ).toEqual({ rail: 'bank_file', payeeName: 'Bluefin', accountNumber: '000123456' })
  })

  it('never prefills masked bank details as if they were the real ones', () => {
    const onFile = draftOf(
      {
        partnerId: 'prt_1',
        rail: 'bank_file',
        payeeName: 'Bluefin GmbH',
        stripeAccountId: null,
        iban: '••••3000',
        accountNumber: null,
        routingNumber: null,
        bic: 'COBADEFFXXX',
        updatedAt: '2025-01-01T00:00:00Z',
      },
      'Bluefin',
    )
    expect(onFile).toMatchObject({ rail: 'bank_file', bankKind: 'iban', payeeName: 'Bluefin GmbH', iban: '' })
  })
})

describe('batchInputOf', () => {
  const base = {
    periodTo: '2025-06-30',
    rail: 'bank_file' as const,
    requiresSecondApprover: true,
    minimums: [],
  }

  it('sends minimums in minor units per currency', () => {
    expect(
      batchInputOf({
        ...base,
        minimums: [
          { currency: 'USD', amount: '50' },
          { currency: 'JPY', amount: '5000' },
          { currency: 'EUR', amount: '25.5' },
        ],
      }),
    ).toEqual({
      input: { ...base, minimums: { USD: '5000', JPY: '5000', EUR: '2550' } },
      errors: {},
    })
  })

  it('names the row of a minimum that is not an amount', () => {
    const { errors } = batchInputOf({
      ...base,
      periodTo: '',
      minimums: [
        { currency: 'USD', amount: 'fifty' },
        { currency: '', amount: '10' },
      ],
    })
    expect(errors).toEqual({
      periodTo: 'Choose the last day of the period',
      'minimums.0.amount': 'An amount such as 50',
      'minimums.1.currency': 'Choose a currency',
    })
  })
})
