// Payouts on the wire: where a partner is paid, batches per period with their payouts, and the
// state each is in.
import { z } from 'zod'
import { moneyView, timestamp } from '../../../platform/platform.contract'

const rail = z
  .enum(['stripe', 'bank_file'])
  .describe('stripe: Stripe Connect transfers; bank_file: a file for the bank')

export const payoutAccountInput = z
  .object({
    rail,
    payeeName: z.string().trim().min(1).max(140),
    stripeAccountId: z
      .string()
      .regex(
        /^acct_[A-Za-z0-9]{6,64}$/,
        'must be a Stripe connected account id such as acct_1Nv0FGQ9RKHgCVdK',
      )
      .optional(),
    iban: z.string().trim().max(40).optional(),
    accountNumber: z
      .string()
      .trim()
      .regex(/^\d{4,17}$/, 'must be 4 to 17 digits')
      .optional(),
    routingNumber: z
      .string()
      .trim()
      .regex(/^\d{9}$/, 'must be 9 digits')
      .optional(),
    bic: z.string().trim().max(11).optional(),
  })
  .strict()
export type PayoutAccountInput = z.infer<typeof payoutAccountInput>

export const payoutAccountView = z
  .object({
    partnerId: z.string(),
    rail,
    payeeName: z.string(),
    stripeAccountId: z.string().nullable(),
    /** Only the last four characters of bank details are ever shown. */
    iban: z.string().nullable(),
    accountNumber: z.string().nullable(),
    routingNumber: z.string().nullable(),
    bic: z.string().nullable(),
    updatedAt: timestamp,
  })
  .meta({ id: 'PayoutAccount' })
export type PayoutAccountView = z.infer<typeof payoutAccountView>

export const createBatchInput = z
  .object({
    periodTo: z.iso.date().describe('Payable lines dated up to this day go in'),
    rail,
    requiresSecondApprover: z
      .boolean()
      .default(true)
      .describe('Four-eyes: the approver may not be the creator'),
    minimums: z
      .record(z.string().regex(/^[A-Z]{3}$/), z.string().regex(/^\d{1,15}$/))
      .default({})
      .describe('Per currency, in minor units: a partner owed less is carried to a later batch'),
  })
  .strict()
  .meta({ id: 'NewPayoutBatch' })
export type CreateBatchInput = z.infer<typeof createBatchInput>

export const payoutStatus = z
  .enum(['pending', 'processing', 'sent', 'paid', 'failed', 'released'])
  .describe('released: failed for good and let go by finance; its lines wait for a later batch')
export const batchStatus = z
  .enum(['pending', 'approved', 'processing', 'paid', 'failed', 'closed'])
  .describe('closed: finished with the payouts that failed released, the rest paid')

export const payoutView = z
  .object({
    id: z.string(),
    partnerId: z.string(),
    partnerName: z.string(),
    amount: moneyView,
    status: payoutStatus,
    idempotencyKey: z.string(),
    attempts: z.number().int(),
    providerRef: z.string().nullable(),
    failureReason: z.string().nullable(),
    paidAt: timestamp.nullable(),
    entries: z.number().int().describe('Ledger entries this payout settles'),
  })
  .meta({ id: 'Payout' })
export type PayoutView = z.infer<typeof payoutView>

export const batchView = z
  .object({
    id: z.string(),
    periodTo: z.string(),
    rail,
    status: batchStatus,
    requiresSecondApprover: z.boolean(),
    createdBy: z.string(),
    approvedBy: z.string().nullable(),
    createdAt: timestamp,
    approvedAt: timestamp.nullable(),
    finishedAt: timestamp.nullable(),
    totals: z.array(moneyView),
    heldBack: z.array(
      z.object({
        partnerId: z.string(),
        partnerName: z.string(),
        currency: z.string(),
        amount: moneyView,
        reason: z.string(),
      }),
    ),
    payouts: z.array(payoutView),
  })
  .meta({ id: 'PayoutBatch' })
export type BatchView = z.infer<typeof batchView>
export const batchList = z.object({ items: z.array(batchView.omit({ payouts: true, heldBack: true })) })

export const releaseFailedInput = z
  .object({
    reason: z
      .string()
      .trim()
      .min(3)
      .max(500)
      .describe('Why the failed payouts are let go, e.g. the account is closed; kept in the audit log'),
  })
  .strict()

export const markPaidInput = z
  .object({
    reference: z.string().trim().min(1).max(140).optional().describe('The bank’s reference for the run'),
  })
  .strict()
