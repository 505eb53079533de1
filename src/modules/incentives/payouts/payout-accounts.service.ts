// Where a partner is paid: a Stripe connected account, or bank details (IBAN checked) for the bank
// file. The partner's admin or finance says so; bank details are shown only by their last four.
import { and, eq } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { AppError, invalidField, notFound } from '../../../platform/app-error'
import { writeAudit } from '../../../platform/audit'
import type { Clock } from '../../../platform/clock'
import type { Scope } from '../../../platform/scope'
import { findPartners } from '../../partners'
import { incentivesPermissions } from '../incentives.permissions'
import type { PayoutAccountInput, PayoutAccountView } from './payouts.contract'
import { payoutAccounts } from './payouts.tables'
import { normaliseIban } from './rails'

type AccountRow = typeof payoutAccounts.$inferSelect

const lastFour = (value: string | null) => (value ? `••••${value.slice(-4)}` : null)

const toAccountView = (row: AccountRow): PayoutAccountView => ({
  partnerId: row.partnerId,
  rail: row.rail,
  payeeName: row.payeeName,
  stripeAccountId: row.stripeAccountId,
  iban: lastFour(row.iban),
  accountNumber: lastFour(row.accountNumber),
  routingNumber: row.routingNumber,
  bic: row.bic,
  updatedAt: row.updatedAt.toISOString(),
})

/** The partner a payout-account request is about: a partner user's own, whatever they asked for. */
function ownPartner(scope: Scope, partnerId: string) {
  if (scope.partnerId && scope.partnerId !== partnerId) throw notFound('Partner', partnerId)
}

export async function getPayoutAccount(db: Db, scope: Scope, partnerId: string): Promise<PayoutAccountView> {
  incentivesPermissions.require(scope, 'incentives.read')
  ownPartner(scope, partnerId)
  const [row] = await db
    .select()
    .from(payoutAccounts)
    .where(and(eq(payoutAccounts.orgId, scope.orgId), eq(payoutAccounts.partnerId, partnerId)))
  if (!row) throw notFound('Payout account', partnerId)
  return toAccountView(row)
}

/** A partner's admin, or finance, says where the partner is paid. */
export async function setPayoutAccount(
  db: Db,
  scope: Scope,
  partnerId: string,
  input: PayoutAccountInput,
  clock: Clock,
): Promise<PayoutAccountView> {
  if (scope.partnerId) {
    ownPartner(scope, partnerId)
    if (scope.actor.role !== 'partner_admin')
      throw new AppError('FORBIDDEN', 'Only a partner admin may change where the partner is paid')
  } else incentivesPermissions.require(scope, 'incentives.finance')
  const [partner] = (await findPartners(db, scope.orgId, [partnerId])).values()
  if (!partner) throw notFound('Partner', partnerId)
  if (input.rail === 'stripe' && !input.stripeAccountId)
    throw invalidField('stripeAccountId', 'a Stripe payout needs the partner’s connected account id')
  let iban: string | null = null
  if (input.rail === 'bank_file') {
    if (input.iban) {
      iban = normaliseIban(input.iban)
      if (!iban) throw invalidField('iban', 'is not a valid IBAN (its check digits do not match)')
    } else if (!input.accountNumber || !input.routingNumber)
      throw invalidField('iban', 'give an IBAN, or an account and routing number')
  }
  const row = {
    orgId: scope.orgId,
    partnerId,
    rail: input.rail,
    payeeName: input.payeeName,
    stripeAccountId: input.rail === 'stripe' ? input.stripeAccountId! : null,
    iban,
    accountNumber: input.rail === 'bank_file' ? (input.accountNumber ?? null) : null,
    routingNumber: input.rail === 'bank_file' ? (input.routingNumber ?? null) : null,
    bic: input.rail === 'bank_file' ? (input.bic?.toUpperCase() ?? null) : null,
    updatedAt: clock.now(),
  }
  await db.transaction(async (tx) => {
    await tx
      .insert(payoutAccounts)
      .values(row)
      .onConflictDoUpdate({ target: [payoutAccounts.orgId, payoutAccounts.partnerId], set: row })
    await writeAudit(
      tx,
      scope,
      {
        action: 'payout_account.set',
        entityType: 'partner',
        entityId: partnerId,
        after: {
          rail: row.rail,
          payeeName: row.payeeName,
          stripeAccountId: row.stripeAccountId,
          iban: lastFour(iban),
        },
      },
      clock,
    )
  })
  return toAccountView(row)
}
