// Payouts as Stripe Connect transfers from the platform balance to the partner's connected account.
// Every transfer carries the payout's idempotency key, so Stripe answers a retry with the transfer it
// already made instead of making a second one.
import Stripe from 'stripe'
import { currencyExponent, isCurrencyCode } from '../../../../money'
import {
  type PaymentRail,
  type PayoutInstruction,
  type RailOutcome,
  RetryableRailError,
} from './payment-rail'

export interface StripeRailOptions {
  /** The platform's secret key (sk_live_… / sk_test_…). */
  apiKey: string
  /** Another API host (a local server in tests); api.stripe.com by default. */
  host?: string
  port?: number
  protocol?: 'http' | 'https'
  /** Retries the client makes inside one `send` (with the same key); Stripe's default is 2. */
  maxNetworkRetries?: number
  /** Per-request timeout; Stripe's default is 80 s. */
  timeoutMs?: number
}

/**
 * Where Stripe counts a currency in other units than ISO 4217: ISK stays two-decimal in Stripe's API
 * (100 = 1 króna) and MGA is zero-decimal there (ISO gives it 2). Every other currency, JPY (0) and
 * the three-decimal dinars (BHD, JOD, KWD, OMR, TND) included, uses the ISO minor unit.
 */
const STRIPE_EXPONENT: Readonly<Record<string, number>> = { ISK: 2, MGA: 0 }

/** The amount Stripe expects for `amountMinor` ISO minor units, or why it cannot carry it exactly. */
export function toStripeAmount(
  amountMinor: bigint,
  currency: string,
): { amount: number } | { refused: string } {
  const isoExponent = currencyExponent(currency)
  const stripeExponent = STRIPE_EXPONENT[currency] ?? isoExponent
  let amount = amountMinor
  if (stripeExponent >= isoExponent) {
    amount = amountMinor * 10n ** BigInt(stripeExponent - isoExponent)
  } else {
    const unit = 10n ** BigInt(isoExponent - stripeExponent)
    if (amountMinor % unit !== 0n) {
      return {
        refused: `Stripe counts ${currency} in whole units of ${unit} minor units; ${amountMinor} minor units cannot be sent exactly`,
      }
    }
    amount = amountMinor / unit
  }
  if (amount > BigInt(Number.MAX_SAFE_INTEGER)) {
    return {
      refused: `${amountMinor} minor units of ${currency} is more than Stripe can take in one transfer`,
    }
  }
  return { amount: Number(amount) }
}

function checkInstruction(instruction: PayoutInstruction): string {
  const { destination, payoutId, currency } = instruction
  if (destination.kind !== 'stripe') {
    throw new Error(`Payout ${payoutId} goes to a ${destination.kind} destination, not to a Stripe account`)
  }
  if (!/^acct_\w+$/.test(destination.accountId)) {
    throw new Error(`Payout ${payoutId}: "${destination.accountId}" is not a Stripe account id (acct_…)`)
  }
  if (!/^[A-Z]{3}$/.test(currency) || !isCurrencyCode(currency)) {
    throw new Error(`Payout ${payoutId}: "${currency}" is not an upper-case ISO 4217 currency code`)
  }
  if (instruction.amountMinor <= 0n) {
    throw new Error(`Payout ${payoutId}: the amount must be positive, got ${instruction.amountMinor}`)
  }
  if (instruction.idempotencyKey.length === 0 || instruction.idempotencyKey.length > 255) {
    throw new Error(`Payout ${payoutId}: the idempotency key must be 1 to 255 characters`)
  }
  return destination.accountId
}

const errors = Stripe.errors

/** Stripe's answer as an outcome: a refusal is final, a hiccup is retried, a misuse is a bug. */
function outcomeOfError(error: unknown, instruction: PayoutInstruction): RailOutcome {
  const about = `Stripe transfer for payout ${instruction.payoutId}`
  if (error instanceof errors.StripeConnectionError) {
    throw new RetryableRailError(`${about}: no answer from Stripe (${error.message})`, { cause: error })
  }
  if (!(error instanceof errors.StripeError)) throw error
  const status = error.statusCode ?? 0
  if (error instanceof errors.StripeRateLimitError) {
    throw new RetryableRailError(`${about}: rate limited by Stripe (${error.message})`, { cause: error })
  }
  // 409: another request with this key is still running; its answer will be replayed to the retry
  if (status === 409 || error.code === 'idempotency_key_in_use') {
    throw new RetryableRailError(`${about}: a request with the same idempotency key is in progress`, {
      cause: error,
    })
  }
  if (error instanceof errors.StripeIdempotencyError) {
    throw new Error(
      `${about}: idempotency key ${instruction.idempotencyKey} was first used with other parameters; ` +
        `the instruction changed after it was sent, which is a bug (Stripe: ${error.message})`,
      { cause: error },
    )
  }
  if (error instanceof errors.StripeAuthenticationError || error instanceof errors.StripePermissionError) {
    throw new Error(`${about}: Stripe refused the platform's API key (${error.message})`, { cause: error })
  }
  if (error instanceof errors.StripeAPIError || status >= 500) {
    throw new RetryableRailError(`${about}: Stripe failed (${status || 'no status'}: ${error.message})`, {
      cause: error,
    })
  }
  if (error instanceof errors.StripeInvalidRequestError || error instanceof errors.StripeCardError) {
    return { status: 'failed', providerRef: error.requestId ?? null, reason: error.message }
  }
  throw error
}

export function createStripeRail(options: StripeRailOptions): PaymentRail {
  const config: Stripe.StripeConfig = { telemetry: false }
  if (options.host !== undefined) config.host = options.host
  if (options.port !== undefined) config.port = options.port
  if (options.protocol !== undefined) config.protocol = options.protocol
  if (options.maxNetworkRetries !== undefined) config.maxNetworkRetries = options.maxNetworkRetries
  if (options.timeoutMs !== undefined) config.timeout = options.timeoutMs
  const stripe = new Stripe(options.apiKey, config)

  return {
    name: 'stripe',
    async send(instruction) {
      const accountId = checkInstruction(instruction)
      const converted = toStripeAmount(instruction.amountMinor, instruction.currency)
      if ('refused' in converted) return { status: 'failed', providerRef: null, reason: converted.refused }
      try {
        // every parameter comes from the instruction alone, so a retry sends exactly what the first try did
        const transfer = await stripe.transfers.create(
          {
            amount: converted.amount,
            currency: instruction.currency.toLowerCase(),
            destination: accountId,
            description: instruction.reference,
            transfer_group: instruction.payoutId,
            metadata: { payout_id: instruction.payoutId, partner_id: instruction.partnerId },
          },
          { idempotencyKey: instruction.idempotencyKey },
        )
        return { status: 'paid', providerRef: transfer.id }
      } catch (error) {
        return outcomeOfError(error, instruction)
      }
    },
  }
}
