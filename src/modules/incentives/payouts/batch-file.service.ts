// A bank-file batch as the file finance uploads to the bank.
import { and, eq, inArray } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { AppError } from '../../../platform/app-error'
import type { Scope } from '../../../platform/scope'
import { incentivesPermissions } from '../incentives.permissions'
import { instructionOf } from './payout-worker.service'
import { readBatch } from './payouts.service'
import { payoutAccounts, payouts } from './payouts.tables'
import { bankFileCsv, bankFileName } from './rails'

export async function batchFile(db: Db, scope: Scope, id: string) {
  incentivesPermissions.require(scope, 'incentives.finance')
  const batch = await readBatch(db, scope.orgId, id)
  if (batch.rail !== 'bank_file')
    throw new AppError('CONFLICT', 'This batch pays through Stripe: it has no bank file')
  const rows = await db
    .select()
    .from(payouts)
    .where(and(eq(payouts.orgId, scope.orgId), eq(payouts.batchId, id)))
    .orderBy(payouts.id)
  const accounts = new Map(
    (
      await db
        .select()
        .from(payoutAccounts)
        .where(
          and(
            eq(payoutAccounts.orgId, scope.orgId),
            inArray(
              payoutAccounts.partnerId,
              rows.map((r) => r.partnerId),
            ),
          ),
        )
    ).map((a) => [a.partnerId, a]),
  )
  const instructions = rows.flatMap((payout) => {
    const account = accounts.get(payout.partnerId)
    return account ? [instructionOf(payout, account, batch)] : []
  })
  const file = { id: batch.id, createdAt: batch.createdAt, instructions }
  return { name: bankFileName(file), contentType: 'text/csv; charset=utf-8', body: bankFileCsv(file) }
}
