// How a payout leaves the platform: one instruction in, one outcome out. The payout batch keeps the
// ledger and the exactly-once state; a rail only moves (or files) the money, keyed by the payout's
// idempotency key so that a retry never pays twice.

export interface PayoutInstruction {
  /** Our id, e.g. 'pay_…'. */
  payoutId: string
  /** Stable per payout: the same key on every retry. */
  idempotencyKey: string
  partnerId: string
  payeeName: string
  destination:
    | { kind: 'stripe'; accountId: string }
    | { kind: 'bank'; iban?: string; accountNumber?: string; routingNumber?: string; bic?: string }
  amountMinor: bigint
  /** ISO 4217, upper case. */
  currency: string
  /** Shown on the payee's statement, e.g. 'Credence payout 2026-10'. */
  reference: string
}

export type RailOutcome =
  | { status: 'paid' | 'pending'; providerRef: string }
  /** Final: the rail refused (no such account, insufficient balance, an amount it cannot carry). */
  | { status: 'failed'; providerRef: string | null; reason: string }

/** Not final (network error, 429, 5xx): the caller retries later with the SAME idempotency key. */
export class RetryableRailError extends Error {
  override readonly name = 'RetryableRailError'
}

export interface PaymentRail {
  readonly name: 'stripe' | 'bank_file'
  send(instruction: PayoutInstruction): Promise<RailOutcome>
}
