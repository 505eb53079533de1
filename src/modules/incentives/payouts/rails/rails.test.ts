// One contract every rail keeps, whatever carries the money; each rail's own cases sit beside it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createBankFileRail,
  createStripeRail,
  type PaymentRail,
  type PayoutInstruction,
  RetryableRailError,
} from '.'
import { type StripeFake, startStripeFake } from './stripe-fake'

interface RailCase {
  rail: () => PaymentRail
  name: PaymentRail['name']
  /** A payout this rail can carry; `n` makes it a different payout. */
  instruction: (n: number) => PayoutInstruction
  /** The other kind of destination, which the rail must not carry. */
  foreign: PayoutInstruction['destination']
}

const base = (n: number): Omit<PayoutInstruction, 'destination'> => ({
  payoutId: `pay_contract_${n}`,
  idempotencyKey: `payout:pay_contract_${n}`,
  partnerId: 'prt_contract',
  payeeName: 'Contract Partner Ltd',
  amountMinor: 25_000n + BigInt(n),
  currency: 'GBP',
  reference: 'Credence payout 2026-10',
})

function runRailContract(describeName: string, setup: () => RailCase) {
  describe(describeName, () => {
    it('names itself', () => {
      const c = setup()
      expect(c.rail().name).toBe(c.name)
    })

    it('carries a payout to paid or pending with a provider reference', async () => {
      const c = setup()
      const outcome = await c.rail().send(c.instruction(1))
      expect(['paid', 'pending']).toContain(outcome.status)
      expect(outcome.providerRef).toEqual(expect.any(String))
      expect(outcome.providerRef).not.toBe('')
    })

    it('answers the same payout sent twice, even by a new rail, with the same outcome', async () => {
      const c = setup()
      const first = await c.rail().send(c.instruction(2))
      const second = await c.rail().send(c.instruction(2))
      expect(second).toEqual(first)
    })

    it('gives two payouts two references', async () => {
      const c = setup()
      const rail = c.rail()
      const a = await rail.send(c.instruction(3))
      const b = await rail.send(c.instruction(4))
      expect(a.providerRef).not.toBe(b.providerRef)
    })

    it('throws, without a retryable error, on a destination it does not carry', async () => {
      const c = setup()
      const sent = c.rail().send({ ...c.instruction(5), destination: c.foreign })
      await expect(sent).rejects.toThrow(/destination/)
      await expect(sent).rejects.not.toBeInstanceOf(RetryableRailError)
    })
  })
}

let fake: StripeFake
beforeAll(async () => {
  fake = await startStripeFake()
})
afterAll(async () => {
  await fake.close()
})

runRailContract('the Stripe rail keeps the rail contract', () => ({
  name: 'stripe',
  rail: () =>
    createStripeRail({
      apiKey: fake.apiKey,
      host: fake.host,
      port: fake.port,
      protocol: 'http',
      maxNetworkRetries: 0,
    }),
  instruction: (n) => ({ ...base(n), destination: { kind: 'stripe', accountId: `acct_contract${n}` } }),
  foreign: { kind: 'bank', iban: 'GB82WEST12345698765432' },
}))

runRailContract('the bank-file rail keeps the rail contract', () => ({
  name: 'bank_file',
  rail: createBankFileRail,
  instruction: (n) => ({
    ...base(n),
    destination: { kind: 'bank', iban: 'GB82WEST12345698765432', bic: 'WESTGB2L' },
  }),
  foreign: { kind: 'stripe', accountId: 'acct_contract' },
}))

it('keeps retryable errors apart from other errors', () => {
  const error = new RetryableRailError('Stripe answered 503')
  expect(error).toBeInstanceOf(Error)
  expect(error.name).toBe('RetryableRailError')
  expect(new Error('x')).not.toBeInstanceOf(RetryableRailError)
})
