import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type PayoutInstruction, RetryableRailError } from './payment-rail'
import { type StripeFake, startStripeFake } from './stripe-fake'
import { createStripeRail, type StripeRailOptions, toStripeAmount } from './stripe-rail'

let fake: StripeFake

beforeEach(async () => {
  fake = await startStripeFake()
})
afterEach(async () => {
  await fake.close()
})

const railOnFake = (options: Partial<StripeRailOptions> = {}) =>
  createStripeRail({
    apiKey: fake.apiKey,
    host: fake.host,
    port: fake.port,
    protocol: 'http',
    maxNetworkRetries: 0,
    ...options,
  })

const instruction = (changes: Partial<PayoutInstruction> = {}): PayoutInstruction => ({
  payoutId: 'pay_01J9ZQ',
  idempotencyKey: 'payout:pay_01J9ZQ',
  partnerId: 'prt_01J9ZA',
  payeeName: 'Acme GmbH',
  destination: { kind: 'stripe', accountId: 'acct_1AcmeGmbH' },
  amountMinor: 12_345n,
  currency: 'EUR',
  reference: 'Credence payout 2026-10',
  ...changes,
})

describe('the Stripe rail: amounts', () => {
  it.each([
    // currency, our minor units, Stripe's amount
    ['EUR', 12_345n, 12_345, 'eur'], // 123.45 EUR: cents both ways
    ['JPY', 12_345n, 12_345, 'jpy'], // ¥12,345: zero-decimal in ISO and in Stripe
    ['KWD', 12_345n, 12_345, 'kwd'], // 12.345 KWD: fils both ways
    ['ISK', 500n, 50_000, 'isk'], // 500 kr: ISO has no decimals, Stripe keeps two
    ['MGA', 120_000n, 1_200, 'mga'], // 1,200 Ar: ISO has two decimals, Stripe none
  ])('sends %s %s minor units as Stripe amount %s', async (currency, amountMinor, amount, lower) => {
    const outcome = await railOnFake().send(instruction({ currency, amountMinor }))
    expect(fake.transfers).toHaveLength(1)
    const [transfer] = fake.transfers
    expect(transfer).toMatchObject({ amount, currency: lower, object: 'transfer' })
    expect(outcome).toEqual({ status: 'paid', providerRef: transfer!.id })
    expect(transfer!.id).toMatch(/^tr_/)
  })

  it('sends the destination, reference and our ids with the transfer', async () => {
    await railOnFake().send(instruction())
    expect(fake.transfers[0]).toMatchObject({
      destination: 'acct_1AcmeGmbH',
      description: 'Credence payout 2026-10',
      transfer_group: 'pay_01J9ZQ',
      metadata: { payout_id: 'pay_01J9ZQ', partner_id: 'prt_01J9ZA' },
      reversed: false,
    })
    expect(fake.requests[0]!.idempotencyKey).toBe('payout:pay_01J9ZQ')
  })

  it('refuses, without calling Stripe, an amount Stripe cannot carry exactly', async () => {
    const rail = railOnFake()
    const fraction = await rail.send(instruction({ currency: 'MGA', amountMinor: 120_050n }))
    expect(fraction).toMatchObject({ status: 'failed', providerRef: null })
    expect(fraction.status === 'failed' && fraction.reason).toMatch(/MGA/)
    const huge = await rail.send(instruction({ amountMinor: 2n ** 53n }))
    expect(huge).toMatchObject({ status: 'failed', providerRef: null })
    expect(fake.requests).toHaveLength(0)
  })

  it('keeps the largest safe integer and refuses one more', () => {
    expect(toStripeAmount(BigInt(Number.MAX_SAFE_INTEGER), 'USD')).toEqual({
      amount: Number.MAX_SAFE_INTEGER,
    })
    expect(toStripeAmount(BigInt(Number.MAX_SAFE_INTEGER) + 1n, 'USD')).toHaveProperty('refused')
  })

  it('throws on an instruction that is not for Stripe, or not a payout', async () => {
    const rail = railOnFake()
    await expect(
      rail.send(instruction({ destination: { kind: 'bank', iban: 'DE89370400440532013000' } })),
    ).rejects.toThrow(/bank destination/)
    await expect(rail.send(instruction({ amountMinor: 0n }))).rejects.toThrow(/positive/)
    await expect(rail.send(instruction({ currency: 'eur' }))).rejects.toThrow(/upper-case ISO 4217/)
    expect(fake.requests).toHaveLength(0)
  })
})

describe('the Stripe rail: exactly one transfer per payout', () => {
  it('answers a second send of the same payout with the first transfer', async () => {
    const rail = railOnFake()
    const first = await rail.send(instruction())
    const second = await rail.send(instruction())
    expect(fake.transfers).toHaveLength(1)
    expect(second).toEqual(first)
    expect(fake.requests.map((r) => r.replayed)).toEqual([false, true])
  })

  it('survives a lost response through the client’s own retry, even with retries off', async () => {
    fake.failNext('lost_response')
    const outcome = await railOnFake({ maxNetworkRetries: 0 }).send(instruction())
    expect(fake.transfers).toHaveLength(1)
    expect(outcome).toEqual({ status: 'paid', providerRef: fake.transfers[0]!.id })
    // the first answer never arrived; the client retried a closed connection once with the same key
    expect(fake.requests.map((r) => [r.status, r.replayed])).toEqual([
      [null, false],
      [200, true],
    ])
  })

  it('after a lost response that the client gives up on, our retry finds the transfer already made', async () => {
    fake.failNext('lost_response', 2)
    const rail = railOnFake({ maxNetworkRetries: 0 })
    await expect(rail.send(instruction())).rejects.toBeInstanceOf(RetryableRailError)
    expect(fake.transfers).toHaveLength(1)
    const retried = await rail.send(instruction())
    expect(retried).toEqual({ status: 'paid', providerRef: fake.transfers[0]!.id })
    expect(fake.transfers).toHaveLength(1)
  })

  it('is an error, not a new transfer, to change the amount under the same key', async () => {
    const rail = railOnFake()
    await rail.send(instruction())
    const changed = rail.send(instruction({ amountMinor: 12_346n }))
    await expect(changed).rejects.toThrow(/other parameters/)
    await expect(changed).rejects.not.toBeInstanceOf(RetryableRailError)
    expect(fake.transfers).toHaveLength(1)
  })
})

describe('the Stripe rail: what is retried and what is final', () => {
  it('surfaces a 429 as retryable; the client does not retry it by itself', async () => {
    fake.failNext('rate_limit')
    const rail = railOnFake({ maxNetworkRetries: 2 })
    await expect(rail.send(instruction())).rejects.toThrow(RetryableRailError)
    expect(fake.requests.map((r) => r.status)).toEqual([429])
    const retried = await rail.send(instruction())
    expect(retried.status).toBe('paid')
    expect(fake.transfers).toHaveLength(1)
  })

  it('surfaces a 503 as retryable when the client may not retry', async () => {
    fake.failNext('unavailable')
    await expect(railOnFake({ maxNetworkRetries: 0 }).send(instruction())).rejects.toThrow(RetryableRailError)
    expect(fake.transfers).toHaveLength(0)
  })

  it('lets the client retry a 503 when it may, still making one transfer', async () => {
    fake.failNext('unavailable')
    const outcome = await railOnFake({ maxNetworkRetries: 2 }).send(instruction())
    expect(outcome).toEqual({ status: 'paid', providerRef: fake.transfers[0]!.id })
    expect(fake.transfers).toHaveLength(1)
    expect(fake.requests.map((r) => r.status)).toEqual([503, 200])
  })

  it('surfaces a 500 as retryable, and Stripe answers the same key with the same 500', async () => {
    fake.failNext('server_error')
    const rail = railOnFake({ maxNetworkRetries: 2 })
    await expect(rail.send(instruction())).rejects.toThrow(RetryableRailError)
    // Stripe-Should-Retry: false, so the client did not retry
    expect(fake.requests).toHaveLength(1)
    await expect(rail.send(instruction())).rejects.toThrow(RetryableRailError)
    expect(fake.requests.map((r) => [r.status, r.replayed])).toEqual([
      [500, false],
      [500, true],
    ])
    expect(fake.transfers).toHaveLength(0)
  })

  it('retries a request whose key is still in progress', async () => {
    fake.failNext('in_progress')
    await expect(railOnFake({ maxNetworkRetries: 0 }).send(instruction())).rejects.toThrow(RetryableRailError)
    fake.failNext('in_progress')
    const outcome = await railOnFake({ maxNetworkRetries: 1 }).send(instruction())
    expect(outcome.status).toBe('paid')
    expect(fake.transfers).toHaveLength(1)
  })

  it.each([
    ['balance_insufficient', /insufficient available funds/],
    ['account_invalid', /acct_1AcmeGmbH cannot receive transfers/],
  ] as const)('turns a %s refusal into a final failure with Stripe’s reason', async (kind, reason) => {
    fake.failNext(kind)
    const rail = railOnFake()
    const outcome = await rail.send(instruction())
    expect(outcome.status).toBe('failed')
    expect(outcome.status === 'failed' && outcome.reason).toMatch(reason)
    expect(outcome.providerRef).toMatch(/^req_/)
    // the refusal is saved under the key: sending again is refused again, and pays nothing
    const again = await rail.send(instruction())
    expect(again.status).toBe('failed')
    expect(fake.transfers).toHaveLength(0)
  })

  it('throws a plain error when Stripe refuses the API key', async () => {
    const rail = railOnFake({ apiKey: 'sk_test_wrong' })
    const sent = rail.send(instruction())
    await expect(sent).rejects.toThrow(/API key/)
    await expect(sent).rejects.not.toBeInstanceOf(RetryableRailError)
  })

  it('treats an unreachable Stripe as retryable', async () => {
    await fake.close()
    const rail = railOnFake({ maxNetworkRetries: 0 })
    await expect(rail.send(instruction())).rejects.toThrow(RetryableRailError)
    fake = await startStripeFake()
  })
})
